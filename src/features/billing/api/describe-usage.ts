/**
 * What each usage row of the ledger was for: the call's feature (chat, team run, workflow, API),
 * the chat it answered in and its employee, and the model — read under RLS from the caller's own
 * token_usage (by the call id the ledger row carries), chat_sessions and the catalog.
 */
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';

const usageSchema = z.object({
  request_id: z.string(),
  feature: z.string(),
  model: z.string(),
  session_id: z.string().nullable(),
});
const sessionSchema = z.object({ id: z.string(), title: z.string(), employee_id: z.string().nullable() });
const employeeSchema = z.object({ id: z.string(), name: z.string() });

const featureLabels: Record<string, string> = {
  chat: 'Chat',
  team_run: 'Team run',
  workflow: 'Workflow',
  proxy: 'API call',
};

/** "Chat “Plan Q3” with Ada · claude-sonnet-4-5", by ledger request id. */
export async function describeUsage(
  requestIds: string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const described = new Map<string, string>();
  if (requestIds.length === 0) return described;
  const abort = signal ?? new AbortController().signal;
  const usage = usageSchema
    .array()
    .parse(
      unwrap(
        await supabase
          .from('token_usage')
          .select('request_id, feature, model, session_id')
          .in('request_id', requestIds)
          .abortSignal(abort),
      ),
    );
  const sessionIds = [...new Set(usage.flatMap((row) => (row.session_id ? [row.session_id] : [])))];
  const sessions = sessionIds.length
    ? sessionSchema
        .array()
        .parse(
          unwrap(
            await supabase
              .from('chat_sessions')
              .select('id, title, employee_id')
              .in('id', sessionIds)
              .abortSignal(abort),
          ),
        )
    : [];
  const employeeIds = [...new Set(sessions.flatMap((row) => (row.employee_id ? [row.employee_id] : [])))];
  const employees = employeeIds.length
    ? employeeSchema
        .array()
        .parse(
          unwrap(
            await supabase
              .from('ai_employee_catalog')
              .select('id, name')
              .in('id', employeeIds)
              .abortSignal(abort),
          ),
        )
    : [];
  const sessionById = new Map(sessions.map((row) => [row.id, row]));
  const nameById = new Map(employees.map((row) => [row.id, row.name]));
  for (const row of usage) {
    const session = row.session_id ? sessionById.get(row.session_id) : undefined;
    const employee = session?.employee_id ? nameById.get(session.employee_id) : undefined;
    const what = [
      featureLabels[row.feature] ?? row.feature,
      session ? `“${session.title}”` : null,
      employee ? `with ${employee}` : null,
    ]
      .filter(Boolean)
      .join(' ');
    described.set(row.request_id, `${what} · ${row.model}`);
  }
  return described;
}
