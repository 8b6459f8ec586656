/**
 * Creating a workflow and saving an edited one, as the caller under RLS (asUser): the definition
 * is checked first (shape by the shared schema in the pipeline, hires / models / plan here), then
 * one transaction writes the workflow's name and a new immutable version, which a trigger numbers
 * and makes current. A bad definition is a 400 and nothing is written.
 */
import type pg from 'pg';
import type { SaveWorkflowRequest, WorkflowSaved } from '../../../src/shared/workflows-contract';
import type { saveWorkflowSchema } from '../../../src/shared/workflows-contract';
import type { z } from 'zod';
import { asUser, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import { definitionProblems, throwIfProblems } from './check-definition';

type SaveBody = z.output<typeof saveWorkflowSchema>;
export type { SaveWorkflowRequest };

async function insertVersion(client: pg.PoolClient, workflowId: string, body: SaveBody) {
  const { rows } = await client.query<{ id: string; version: number }>(
    `insert into public.automation_workflow_versions (workflow_id, user_id, definition)
     values ($1, (select auth.uid()), $2::jsonb) returning id, version`,
    [workflowId, JSON.stringify(body.definition)],
  );
  return rows[0]!;
}

/** Inserts a workflow with its first version, in the caller's transaction (checks done). */
export async function insertWorkflow(client: pg.PoolClient, body: SaveBody): Promise<WorkflowSaved> {
  const { rows } = await client.query<{ id: string }>(
    `insert into public.automation_workflows (user_id, name, description)
     values ((select auth.uid()), $1, $2) returning id`,
    [body.name, body.description],
  );
  const id = rows[0]!.id;
  const version = await insertVersion(client, id, body);
  return { workflow: { id, name: body.name, version: version.version, version_id: version.id } };
}

export function createWorkflow(db: pg.Pool, caller: DbCaller, body: SaveBody): Promise<WorkflowSaved> {
  return asUser(db, caller, async (client) => {
    throwIfProblems(await definitionProblems(client, body.definition));
    return insertWorkflow(client, body);
  });
}

export function saveWorkflow(
  db: pg.Pool,
  caller: DbCaller,
  id: string,
  body: SaveBody,
): Promise<WorkflowSaved> {
  return asUser(db, caller, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      'update public.automation_workflows set name = $2, description = $3 where id = $1 returning id',
      [id, body.name, body.description],
    );
    if (!rows[0]) throw new ApiError('NOT_FOUND', 'No such workflow.');
    throwIfProblems(await definitionProblems(client, body.definition));
    const version = await insertVersion(client, id, body);
    return { workflow: { id, name: body.name, version: version.version, version_id: version.id } };
  });
}
