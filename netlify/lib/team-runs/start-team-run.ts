/**
 * POST /api/agents/team-run: checks every chosen employee is an active hire of the caller (404 /
 * 403 before anything is written), settles the budget (the request's, else the user's default,
 * within the plan's cap), then creates in one transaction the run with its budget hold and its
 * plan step (run_engine.create_run), the conversation and its participants (each pinned to its
 * hire's version by trigger), and dispatches a worker without waiting for the run. Everything of
 * the user's is read and written as the caller under RLS (ADR 0077); only the run and its hold are
 * created at service level — a money action of the billing functions.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DatabaseError } from 'pg';
import type { TeamRunCreated, TeamRunRequest } from '../../../src/shared/runs-contract';
import { loadHire, type Hire } from '../agents/load-hire';
import { withTransaction } from '../db';
import { asUser, continueAsUser, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import { runBudgetFor } from '../runs/run-budget';
import { createRun } from '../runs/store';
import type { TeamMember } from './plan-schema';
import { planStep } from './team-run-kind';

const isDatabaseError = (error: unknown): error is DatabaseError =>
  error instanceof Error && typeof (error as Partial<DatabaseError>).code === 'string';

const titleOf = (task: string) => {
  const line = task.split('\n')[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line || 'Team run';
};

export async function startTeamRun(
  db: pg.Pool,
  caller: DbCaller,
  body: TeamRunRequest,
): Promise<TeamRunCreated> {
  const userId = caller.id;
  // One at a time, in the order given, so the first problem is the one reported.
  const hires: Hire[] = [];
  for (const id of body.employee_ids) hires.push(await loadHire(db, caller, id));
  const supervisorId = body.supervisor_id ?? body.employee_ids[0];
  const supervisor = hires.find((h) => h.employeeId === supervisorId);
  if (!supervisor)
    throw new ApiError('VALIDATION_FAILED', 'The supervisor must be one of the chosen employees.');
  const { budget, employees } = await asUser(db, caller, async (client) => ({
    budget: await runBudgetFor(db, userId, body.budget_credits, client),
    employees: (
      await client.query<{ id: string; name: string; role: string }>(
        'select id, name, role from public.ai_employees where id = any($1::uuid[])',
        [body.employee_ids],
      )
    ).rows,
  }));
  const team: TeamMember[] = body.employee_ids.map((id) => {
    const employee = employees.find((e) => e.id === id);
    return { employee_id: id, name: employee?.name ?? 'Employee', role: employee?.role ?? '' };
  });
  const supervisorName = team.find((m) => m.employee_id === supervisorId)?.name ?? 'the supervisor';
  const plan = planStep(
    { supervisor_version_id: supervisor.versionId, supervisor_name: supervisorName, team },
    body.task,
    { system_prompt: supervisor.systemPrompt, provider: supervisor.provider, model: supervisor.model },
  );

  const runId = randomUUID();
  const title = body.title ?? titleOf(body.task);
  try {
    await withTransaction(db, async (client) => {
      // Service level: the run and its budget hold (billing.reserve_credits), then the user's rows.
      await createRun(client, { id: runId, userId, kind: 'team_run', title, budget, steps: [plan] });
      await continueAsUser(client, caller);
      await client.query(
        `insert into public.multi_agent_conversations
           (id, user_id, title, task, supervisor_employee_id, supervisor_provider, supervisor_model)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [runId, userId, title, body.task, supervisorId, supervisor.provider, supervisor.model],
      );
      await client.query(
        `insert into public.conversation_participants (conversation_id, employee_id, position)
         select $1, id, ord - 1 from unnest($2::uuid[]) with ordinality as t(id, ord)`,
        [runId, body.employee_ids],
      );
    });
  } catch (error) {
    if (isDatabaseError(error) && error.code === 'PT402') {
      throw new ApiError(
        'INSUFFICIENT_CREDITS',
        `Not enough credits to hold this run's budget of ${budget} credits. Lower the budget, buy a token pack or upgrade your plan.`,
        { details: [{ path: 'budget_credits', message: 'More than your available credits.' }], cause: error },
      );
    }
    throw error;
  }
  return { run: { id: runId, status: 'running', budget_credits: budget } };
}
