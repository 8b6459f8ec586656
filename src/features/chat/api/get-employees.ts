import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import type { ChatEmployee } from '../schemas';

const hireSchema = z.object({ employee_id: z.string(), employee_version_id: z.string() });
const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  description: z.string(),
  skills: z.array(z.string()),
  avatar_url: z.string().nullable(),
});
const versionSchema = z.object({ id: z.string(), version: z.number(), model: z.string() });

/**
 * The employees the caller can chat with: their active hires, by name, with what they are good
 * at (the new-chat card) and the pinned version and model that will answer.
 */
export async function getChatEmployees(signal?: AbortSignal): Promise<ChatEmployee[]> {
  const withSignal = <Q extends { abortSignal: (signal: AbortSignal) => Q }>(query: Q) =>
    signal ? query.abortSignal(signal) : query;
  const hires = hireSchema
    .array()
    .parse(
      unwrap(
        await withSignal(
          supabase
            .from('purchased_employees')
            .select('employee_id, employee_version_id')
            .eq('is_active', true),
        ),
      ),
    );
  if (hires.length === 0) return [];
  const [profiles, versions] = await Promise.all([
    withSignal(
      supabase
        .from('ai_employee_catalog')
        .select('id, name, role, description, skills, avatar_url')
        .in(
          'id',
          hires.map((hire) => hire.employee_id),
        )
        .order('name'),
    ),
    withSignal(
      supabase
        .from('ai_employee_version_history')
        .select('id, version, model')
        .in(
          'id',
          hires.map((hire) => hire.employee_version_id),
        ),
    ),
  ]);
  const versionById = new Map(
    versionSchema
      .array()
      .parse(unwrap(versions))
      .map((version) => [version.id, version]),
  );
  const versionOf = new Map(
    hires.map((hire) => [hire.employee_id, versionById.get(hire.employee_version_id)]),
  );
  return profileSchema
    .array()
    .parse(unwrap(profiles))
    .map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      description: row.description,
      skills: row.skills,
      avatarUrl: row.avatar_url,
      version: versionOf.get(row.id)?.version ?? null,
      model: versionOf.get(row.id)?.model ?? null,
    }));
}

export function useChatEmployees() {
  return useQuery(
    queryOptions({ queryKey: chatKeys.employees(), queryFn: ({ signal }) => getChatEmployees(signal) }),
  );
}
