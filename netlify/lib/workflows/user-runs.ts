/**
 * What a signed-in user asks of workflow runs: start one, replay one from a step, cancel one. The
 * user's rows are read as the user under RLS (someone else's workflow or run is a 404); starting
 * and cancelling are run-engine actions on the service connection.
 */
import type pg from 'pg';
import { asUser, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import { cancelRun } from '../runs/store';
import {
  downstreamOf,
  type ReplayWorkflowRunRequest,
  type WorkflowRunCreated,
} from '../../../src/shared/workflows-contract';
import { parseDefinition, startWorkflowRun, type PinnedWorkflow } from './start-workflow-run';

export async function currentVersionFor(
  db: pg.Pool,
  caller: DbCaller,
  workflowId: string,
): Promise<PinnedWorkflow> {
  const row = await asUser(db, caller, async (client) => {
    const { rows } = await client.query<{
      name: string;
      user_id: string;
      version_id: string | null;
      version: number;
      definition: unknown;
    }>(
      `select w.name, w.user_id, v.id as version_id, v.version, v.definition
       from public.automation_workflows w
       left join public.automation_workflow_versions v on v.id = w.current_version_id
       where w.id = $1`,
      [workflowId],
    );
    return rows[0];
  });
  if (!row) throw new ApiError('NOT_FOUND', 'No such workflow.');
  if (!row.version_id) throw new ApiError('CONFLICT', 'Save this workflow before running it.');
  return {
    workflowId,
    userId: row.user_id,
    name: row.name,
    versionId: row.version_id,
    version: row.version,
    definition: row.definition,
  };
}

export async function replayWorkflowRun(
  db: pg.Pool,
  caller: DbCaller,
  runId: string,
  body: ReplayWorkflowRunRequest,
): Promise<WorkflowRunCreated> {
  const source = await asUser(db, caller, async (client) => {
    const { rows } = await client.query<{
      workflow_id: string;
      name: string;
      status: string;
      inputs: Record<string, string>;
      version_id: string;
      version: number;
      definition: unknown;
    }>(
      `select r.workflow_id, w.name, r.status, r.inputs, v.id as version_id, v.version, v.definition
       from public.workflow_runs r
       join public.automation_workflows w on w.id = r.workflow_id
       join public.automation_workflow_versions v on v.id = r.version_id
       where r.id = $1`,
      [runId],
    );
    const run = rows[0];
    if (!run) return undefined;
    const { rows: completed } = await client.query<{ key: string }>(
      `select key from public.run_steps where run_id = $1 and status = 'completed'`,
      [runId],
    );
    return { ...run, completed: new Set(completed.map((s) => s.key)) };
  });
  if (!source) throw new ApiError('NOT_FOUND', 'No such workflow run.');
  if (source.status === 'running')
    throw new ApiError('CONFLICT', 'This run is still running; cancel it or wait for it to end.');
  const definition = parseDefinition(source.definition);
  if (!definition.steps.some((s) => s.key === body.from_step))
    throw new ApiError('VALIDATION_FAILED', 'No such step in this run.', {
      details: [{ path: 'from_step', message: `No step "${body.from_step}" in version ${source.version}.` }],
    });
  const again = downstreamOf(definition.steps, body.from_step);
  const reuse = new Set(
    definition.steps.map((s) => s.key).filter((k) => !again.has(k) && source.completed.has(k)),
  );
  return startWorkflowRun(
    db,
    {
      workflowId: source.workflow_id,
      userId: caller.id,
      name: source.name,
      versionId: source.version_id,
      version: source.version,
      definition: source.definition,
    },
    {
      trigger: 'replay',
      inputs: source.inputs,
      budgetCredits: body.budget_credits,
      replay: { of: runId, from: body.from_step, reuse },
    },
  );
}

export async function cancelWorkflowRun(db: pg.Pool, caller: DbCaller, runId: string) {
  const mine = await asUser(db, caller, async (client) => {
    const { rows } = await client.query('select 1 from public.workflow_runs where id = $1', [runId]);
    return rows.length > 0;
  });
  const run = mine ? await cancelRun(db, runId, caller.id) : undefined;
  if (!run) throw new ApiError('NOT_FOUND', 'No such workflow run.');
  return { run };
}
