/**
 * The caller's hire of an employee with its pinned version's prompt and model. Read with the
 * service connection: versions are never readable by users, and the prompt never leaves the
 * server.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { LlmProvider } from '../llm/types';

export interface Hire {
  hireId: string;
  employeeId: string;
  versionId: string;
  systemPrompt: string;
  provider: LlmProvider;
  model: string;
}

export async function loadHire(db: Queryable, userId: string, employeeId: string): Promise<Hire> {
  const { rows } = await db.query<{
    hire_id: string;
    is_active: boolean;
    version_id: string;
    system_prompt: string;
    provider: LlmProvider;
    model: string;
  }>(
    `select h.id as hire_id, h.is_active, v.id as version_id, v.system_prompt, v.provider, v.model
     from public.purchased_employees h
     join public.ai_employee_versions v on v.id = h.employee_version_id
     where h.user_id = $1 and h.employee_id = $2`,
    [userId, employeeId],
  );
  const row = rows[0];
  if (!row) throw new ApiError('NOT_FOUND', 'You have not hired this employee.');
  if (!row.is_active)
    throw new ApiError('FORBIDDEN', 'This employee is deactivated. Reactivate them to chat.');
  return {
    hireId: row.hire_id,
    employeeId,
    versionId: row.version_id,
    systemPrompt: row.system_prompt,
    provider: row.provider,
    model: row.model,
  };
}
