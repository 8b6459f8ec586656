/**
 * The workflows' test world: the workflow endpoints called as handlers with real Requests, on top
 * of the run engine's harness (hired employees, an engine with a test clock, reads of the run).
 */
import workflowsCreate from '../../../netlify/functions/workflows-create.mjs';
import workflowsRun from '../../../netlify/functions/workflows-run.mjs';
import workflowsRunCancel from '../../../netlify/functions/workflows-run-cancel.mjs';
import workflowsRunReplay from '../../../netlify/functions/workflows-run-replay.mjs';
import workflowsSave from '../../../netlify/functions/workflows-save.mjs';
import { jsonRequest, netlifyContext, testDb, type Caller } from '../llm/harness';

export const post = (
  handler: (req: Request, context: ReturnType<typeof netlifyContext>) => Promise<Response>,
  path: string,
  caller: Caller,
  body: unknown,
  params: Record<string, string> = {},
  method = 'POST',
) => handler(jsonRequest(path, body, { token: caller.token, method }), netlifyContext({ params }));

export const createWorkflow = (caller: Caller, body: unknown) =>
  post(workflowsCreate, '/api/workflows', caller, body);

export const saveWorkflow = (caller: Caller, id: string, body: unknown) =>
  post(workflowsSave, `/api/workflows/${id}`, caller, body, { id }, 'PUT');

export const runWorkflow = (caller: Caller, id: string, body: unknown = {}) =>
  post(workflowsRun, `/api/workflows/${id}/run`, caller, body, { id });

export const replayRun = (caller: Caller, runId: string, body: unknown) =>
  post(workflowsRunReplay, `/api/workflows/runs/${runId}/replay`, caller, body, { id: runId });

export const cancelRun = (caller: Caller, runId: string) =>
  post(workflowsRunCancel, `/api/workflows/runs/${runId}/cancel`, caller, {}, { id: runId });

export const step = (
  key: string,
  employeeId: string,
  prompt: string,
  extra: Record<string, unknown> = {},
) => ({
  key,
  name: `Step ${key}`,
  employee_id: employeeId,
  prompt,
  ...extra,
});

/** Creates a workflow through the API and answers its id (fails the test on anything but 201). */
export async function newWorkflow(
  caller: Caller,
  definition: unknown,
  name = 'Test workflow',
): Promise<string> {
  const response = await createWorkflow(caller, { name, definition });
  if (response.status !== 201)
    throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { workflow: { id: string } }).workflow.id;
}

export async function startedRun(caller: Caller, workflowId: string, body: unknown = {}): Promise<string> {
  const response = await runWorkflow(caller, workflowId, body);
  if (response.status !== 202) throw new Error(`run answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

export async function workflowRunOf(id: string) {
  const { rows } = await testDb().query<{
    status: string;
    version: number;
    trigger: string;
    credits_charged: number;
    replay_of: string | null;
    replay_from: string | null;
    inputs: Record<string, string>;
  }>(
    `select status, version, trigger, credits_charged::int, replay_of, replay_from, inputs from public.workflow_runs where id = $1`,
    [id],
  );
  return rows[0];
}

export async function workflowCount(userId: string): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    `select (select count(*) from public.automation_workflows where user_id = $1)
          + (select count(*) from public.automation_workflow_versions where user_id = $1) as n`,
    [userId],
  );
  return Number(rows[0]!.n);
}
