import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workflowKeys } from '../keys';

const templateSchema = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  definition: z.object({ steps: z.array(z.object({ name: z.string() })) }),
});
export type WorkflowTemplate = z.infer<typeof templateSchema>;

export async function getTemplates(signal?: AbortSignal): Promise<WorkflowTemplate[]> {
  let query = supabase
    .from('workflow_templates')
    .select('slug, name, description, category, definition')
    .order('position');
  if (signal) query = query.abortSignal(signal);
  return templateSchema.array().parse(unwrap(await query));
}

export function useTemplates() {
  return useQuery(
    queryOptions({ queryKey: workflowKeys.templates(), queryFn: ({ signal }) => getTemplates(signal) }),
  );
}

const installedSchema = z.object({ workflow: z.object({ id: z.string(), version: z.number() }) });

export const installTemplate = (slug: string) =>
  apiJson(`/api/workflows/templates/${encodeURIComponent(slug)}/install`, installedSchema, {
    method: 'POST',
  });

export function useInstallTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: installTemplate,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workflowKeys.list() }),
        // Installing may hire employees.
        queryClient.invalidateQueries({ queryKey: sharedQueryKeys.hires }),
      ]);
    },
  });
}
