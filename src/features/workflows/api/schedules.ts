import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { scheduleSchema, type ScheduleInput } from '@/shared/schedules';
import { workflowKeys } from '../keys';

const scheduleRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  cron: z.string(),
  timezone: z.string(),
  input: z.record(z.string(), z.string()),
  budget_credits: dbNumber.nullable(),
  is_active: z.boolean(),
  next_run_at: z.string().nullable(),
  last_run_at: z.string().nullable(),
  failure_count: z.number(),
  paused_reason: z.string().nullable(),
});
export type ScheduleRow = z.infer<typeof scheduleRowSchema>;

const scheduleKey = (workflowId: string) => [...workflowKeys.all, 'schedules', workflowId] as const;

/** The workflow's schedules (RLS: the owner's). */
export async function getSchedules(workflowId: string, signal?: AbortSignal): Promise<ScheduleRow[]> {
  let query = supabase
    .from('scheduled_tasks')
    .select(
      'id, name, cron, timezone, input, budget_credits, is_active, next_run_at, last_run_at, failure_count, paused_reason',
    )
    .eq('workflow_id', workflowId)
    .order('created_at');
  if (signal) query = query.abortSignal(signal);
  return scheduleRowSchema.array().parse(unwrap(await query));
}

export function useSchedules(workflowId: string) {
  return useQuery(
    queryOptions({
      queryKey: scheduleKey(workflowId),
      queryFn: ({ signal }) => getSchedules(workflowId, signal),
    }),
  );
}

/** Creates or updates a schedule as the user (RLS); the sweeper plans its next slot. */
export async function saveSchedule(
  workflowId: string,
  id: string | undefined,
  input: ScheduleInput,
): Promise<void> {
  const values = scheduleSchema.parse(input);
  unwrap(
    id
      ? await supabase.from('scheduled_tasks').update(values).eq('id', id)
      : await supabase.from('scheduled_tasks').insert({ ...values, workflow_id: workflowId }),
  );
}

export function useScheduleMutations(workflowId: string) {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: scheduleKey(workflowId) });
  const save = useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ScheduleInput }) => saveSchedule(workflowId, id, input),
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      unwrap(await supabase.from('scheduled_tasks').delete().eq('id', id));
    },
    onSuccess: invalidate,
  });
  return { save, remove };
}
