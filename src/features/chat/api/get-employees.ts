import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import type { ChatEmployee } from '../schemas';

const hireSchema = z.object({ employee_id: z.string() });
const profileSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  avatar_url: z.string().nullable(),
});

/** The employees the caller can chat with: their active hires, by name. */
export async function getChatEmployees(signal?: AbortSignal): Promise<ChatEmployee[]> {
  let hires = supabase.from('purchased_employees').select('employee_id').eq('is_active', true);
  if (signal) hires = hires.abortSignal(signal);
  const ids = hireSchema
    .array()
    .parse(unwrap(await hires))
    .map((hire) => hire.employee_id);
  if (ids.length === 0) return [];
  let profiles = supabase
    .from('ai_employee_catalog')
    .select('id, name, role, avatar_url')
    .in('id', ids)
    .order('name');
  if (signal) profiles = profiles.abortSignal(signal);
  return profileSchema
    .array()
    .parse(unwrap(await profiles))
    .map((row) => ({ id: row.id, name: row.name, role: row.role, avatarUrl: row.avatar_url }));
}

export function useChatEmployees() {
  return useQuery(
    queryOptions({ queryKey: chatKeys.employees(), queryFn: ({ signal }) => getChatEmployees(signal) }),
  );
}
