/**
 * The caller's hire of an employee with its pinned version's prompt and model. The hire is read as
 * the caller (RLS: only their own hires exist for them); the version by its id at the service
 * level, because versions are never readable by users — the prompt never leaves the server.
 */
import type pg from 'pg';
import type { Queryable } from '../db';
import { asUser, type DbCaller } from '../db-as-user';
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

export interface HireRef {
  hireId: string;
  employeeId: string;
  versionId: string;
}

/** The caller's active hire of the employee; `asCaller` runs as the user (asUser). 404 / 403. */
export async function findHire(asCaller: Queryable, employeeId: string): Promise<HireRef> {
  const { rows } = await asCaller.query<{ hire_id: string; is_active: boolean; version_id: string }>(
    `select h.id as hire_id, h.is_active, h.employee_version_id as version_id
     from public.purchased_employees h where h.employee_id = $1`,
    [employeeId],
  );
  const row = rows[0];
  if (!row) throw new ApiError('NOT_FOUND', 'You have not hired this employee.');
  if (!row.is_active)
    throw new ApiError('FORBIDDEN', 'This employee is deactivated. Reactivate them to chat.');
  return { hireId: row.hire_id, employeeId, versionId: row.version_id };
}

/** Service level (prompts are server-only): the pinned version a hire found as the user names. */
export async function withVersion(service: Queryable, hire: HireRef): Promise<Hire> {
  const { rows } = await service.query<{ system_prompt: string; provider: LlmProvider; model: string }>(
    'select system_prompt, provider, model from public.ai_employee_versions where id = $1',
    [hire.versionId],
  );
  const version = rows[0];
  if (!version) throw new ApiError('NOT_FOUND', 'You have not hired this employee.');
  return { ...hire, systemPrompt: version.system_prompt, provider: version.provider, model: version.model };
}

export async function loadHire(db: pg.Pool, caller: DbCaller, employeeId: string): Promise<Hire> {
  return withVersion(db, await asUser(db, caller, (tx) => findHire(tx, employeeId)));
}
