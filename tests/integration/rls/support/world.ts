/**
 * Fixtures for the RLS suite, written as the superuser (they are the state the attacks run
 * against, not part of what is tested): users A and B signed up through the Auth API, and
 * factories that create fresh rows owned by A (or public rows) in every table.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SignedInUser } from './actors';

export interface World {
  db: pg.Pool;
  a: SignedInUser;
  b: SignedInUser;
  /** A published employee with one version, hired by A. */
  employee: { id: string; versionId: string };
  /** An unpublished (draft) employee with one version. */
  draft: { id: string; versionId: string };
}

export const marker = (label = 'rls') => `${label}-${randomUUID().slice(0, 12)}`;

async function one<T extends object>(db: pg.Pool, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params);
  return rows[0] as T;
}

export async function createEmployee(
  db: pg.Pool,
  published = true,
): Promise<{ id: string; versionId: string }> {
  const slug = marker('employee');
  const { id } = await one<{ id: string }>(
    db,
    `insert into public.ai_employees (slug, name, role, category, description, default_provider, default_model, published)
     values ($1, 'RLS Fixture', 'Fixture', 'engineering', 'fixture', 'openai', 'gpt-4o-mini', $2) returning id`,
    [slug, published],
  );
  const version = await one<{ id: string }>(
    db,
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model, changelog)
     values ($1, 1, 'TOP SECRET PROMPT', 'openai', 'gpt-4o-mini', 'first') returning id`,
    [id],
  );
  return { id, versionId: version.id };
}

export async function hire(db: pg.Pool, userId: string, employeeId: string): Promise<string> {
  return (
    await one<{ id: string }>(
      db,
      'insert into public.purchased_employees (user_id, employee_id) values ($1, $2) returning id',
      [userId, employeeId],
    )
  ).id;
}

/** A fresh published employee hired by the user. */
export async function hiredEmployee(world: World, userId: string): Promise<string> {
  const employee = await createEmployee(world.db);
  await hire(world.db, userId, employee.id);
  return employee.id;
}

export const insertReturningId = async (db: pg.Pool, sql: string, params: unknown[]): Promise<string> =>
  (await one<{ id: string }>(db, sql, params)).id;

export async function chatSession(world: World, userId: string): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.chat_sessions (user_id, title) values ($1, $2) returning id`,
    [userId, marker('session')],
  );
}

/** A run row of the engine (no hold: the suite only checks who may see and touch it). */
export async function engineRun(world: World, userId: string, kind = 'team_run'): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.runs (user_id, kind, title, budget_credits) values ($1, $2, 'fixture run', 1000) returning id`,
    [userId, kind],
  );
}

export async function runStep(world: World, runId: string): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.run_steps (run_id, key, kind, position, provider, model, reserve_input_tokens, max_output_tokens)
     values ($1, 'plan', 'plan', 0, 'openai', 'gpt-4o-mini', 10, 10) returning id`,
    [runId],
  );
}

export async function teamRun(world: World, userId: string): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.multi_agent_conversations (id, user_id, task) values ($1, $2, 'fixture task') returning id`,
    [await engineRun(world, userId), userId],
  );
}

export async function workflow(world: World, userId: string): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.automation_workflows (user_id, name) values ($1, $2) returning id`,
    [userId, marker('workflow')],
  );
}

/** A version of a workflow (one step; the suite only checks who may see and touch it). */
export async function workflowVersion(world: World, userId: string, workflowId?: string): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.automation_workflow_versions (workflow_id, user_id, definition)
     values ($1, $2, '{"inputs": [], "steps": [{"key": "a"}]}') returning id`,
    [workflowId ?? (await workflow(world, userId)), userId],
  );
}

/** A webhook of a fresh workflow of `userId`; answers the workflow id. */
export async function workflowWebhook(world: World, userId: string): Promise<string> {
  const workflowId = await workflow(world, userId);
  await world.db.query(
    `insert into public.workflow_webhooks (workflow_id, user_id, token_hash, token_hint)
     values ($1, $2, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'abcd')`,
    [workflowId, userId],
  );
  return workflowId;
}

/** A workflow run: an engine run of kind workflow with its workflow_runs row. */
export async function workflowRun(world: World, userId: string): Promise<string> {
  const workflowId = await workflow(world, userId);
  const versionId = await workflowVersion(world, userId, workflowId);
  return insertReturningId(
    world.db,
    `insert into public.workflow_runs (id, workflow_id, version_id, version, user_id, trigger) values ($1, $2, $3, 1, $4, 'manual') returning id`,
    [await engineRun(world, userId, 'workflow'), workflowId, versionId, userId],
  );
}

export async function supportTicket(world: World, userId: string): Promise<string> {
  return insertReturningId(
    world.db,
    `insert into public.support_tickets (user_id, subject) values ($1, 'fixture') returning id`,
    [userId],
  );
}

export async function stripeEvent(world: World): Promise<string> {
  const id = `evt_${randomUUID().replaceAll('-', '')}`;
  await world.db.query(
    `insert into public.stripe_events (id, type, payload, stripe_created_at) values ($1, 'invoice.paid', '{}', now())`,
    [id],
  );
  return id;
}
