/**
 * Starting a workflow run: the workflow's current version (or, for a replay, the version of the
 * run it replays) is checked again with the shared schema, the inputs against the declared ones,
 * every step's employee must still be an active hire (its pinned version is taken now), and then
 * one transaction creates the engine run with its budget hold and the whole step graph, and the
 * workflow_runs row. Editing the workflow later makes a new version and never changes this run.
 *
 * Reads of the user's workflow go through asUser when a user asks (POST .../run, replay); a
 * schedule or a webhook has no user token, so their caller (a service action) passes the rows it
 * read with the service connection. Run creation itself is run-engine bookkeeping (the hold).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DatabaseError } from 'pg';
import { loadHire, type Hire } from '../agents/load-hire';
import { withTransaction } from '../db';
import { ApiError } from '../http/api-error';
import type { FieldError } from '../http/validation';
import { reserveTokensFor } from '../llm/pricing';
import { runBudgetFor } from '../runs/run-budget';
import { createRun } from '../runs/store';
import type { Json, NewStep } from '../runs/types';
import {
  dependenciesOf,
  resolveInputs,
  templateRefs,
  workflowDefinitionSchema,
  type WorkflowDefinition,
  type WorkflowRunCreated,
  type WorkflowStepInput,
  type WorkflowTrigger,
} from '../../../src/shared/workflows-contract';

export interface PinnedWorkflow {
  workflowId: string;
  userId: string;
  name: string;
  versionId: string;
  version: number;
  definition: unknown;
}

export interface RunStart {
  trigger: WorkflowTrigger;
  inputs: Record<string, unknown>;
  budgetCredits?: number;
  scheduledTaskId?: string;
  /** A scheduled run: its slot (unique per schedule, so a slot never runs twice). */
  scheduleSlot?: Date;
  /** A replay: the run it replays, the step it starts from, and the steps whose outputs it reuses. */
  replay?: { of: string; from: string; reuse: ReadonlySet<string> };
  /** The id of the new run (a caller that records it elsewhere first, e.g. a webhook delivery). */
  runId?: string;
}

const isDatabaseError = (error: unknown): error is DatabaseError =>
  error instanceof Error && typeof (error as Partial<DatabaseError>).code === 'string';

export function parseDefinition(definition: unknown): WorkflowDefinition {
  const parsed = workflowDefinitionSchema.safeParse(definition);
  if (parsed.success) return parsed.data;
  throw new ApiError('CONFLICT', 'This workflow version is not valid any more; open it and save it again.', {
    details: parsed.error.issues.map((i) => ({ path: `definition.${i.path.join('.')}`, message: i.message })),
  });
}

async function hiresOf(db: pg.Pool, userId: string, definition: WorkflowDefinition) {
  const hires = new Map<string, Hire>();
  const problems: FieldError[] = [];
  for (const [i, step] of definition.steps.entries()) {
    if (hires.has(step.employee_id)) continue;
    try {
      // As the owner under RLS, also for a schedule or webhook (no token: the service acts for
      // the owner, with the owner's identity as the only claim).
      hires.set(step.employee_id, await loadHire(db, { id: userId, claims: {} }, step.employee_id));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problems.push({ path: `definition.steps.${i}.employee_id`, message: error.message });
    }
  }
  if (problems.length > 0)
    throw new ApiError('CONFLICT', 'A step of this workflow uses an employee you no longer have.', {
      details: problems,
    });
  return hires;
}

function stepsOf(
  definition: WorkflowDefinition,
  hires: Map<string, Hire>,
  inputs: Record<string, string>,
  start: RunStart,
): NewStep[] {
  const byKey = new Map(definition.steps.map((s) => [s.key, s]));
  const last = definition.steps.length - 1;
  return definition.steps.map((step, position) => {
    const hire = hires.get(step.employee_id)!;
    const depends = dependenciesOf(step);
    const used = templateRefs(step.prompt).flatMap(({ ref }) => (ref?.kind === 'input' ? [ref.name] : []));
    const input: WorkflowStepInput = {
      name: step.name,
      employee_id: step.employee_id,
      employee_version_id: hire.versionId,
      prompt: step.prompt,
      inputs: Object.fromEntries(used.map((name) => [name, inputs[name] ?? ''])),
      ...(step.condition ? { condition: step.condition } : {}),
      ...(position === last ? { final: true } : {}),
      ...(step.save_to_storage ? { save_to_storage: true as const } : {}),
    };
    const reused = start.replay?.reuse.has(step.key) === true;
    if (reused) input.reuse = { run_id: start.replay!.of, key: step.key };
    const valueChars = Object.values(input.inputs).reduce((sum, v) => sum + v.length, 0);
    // Earlier outputs become part of the prompt: counted at their caps, generously (as team runs do).
    const fromSteps = depends.reduce((sum, key) => sum + 2 * (byKey.get(key)?.max_output_tokens ?? 0), 0);
    return {
      key: step.key,
      kind: 'workflow_step',
      position,
      depends_on: depends,
      input: input as unknown as Record<string, Json>,
      provider: step.model?.provider ?? hire.provider,
      model: step.model?.model ?? hire.model,
      // A reused step makes no call: it reserves (and releases) next to nothing.
      reserve_input_tokens: reused
        ? 0
        : reserveTokensFor(hire.systemPrompt.length + step.prompt.length + valueChars, 2) + fromSteps,
      max_output_tokens: reused ? 1 : step.max_output_tokens,
      max_attempts: step.max_attempts,
    };
  });
}

export async function startWorkflowRun(
  db: pg.Pool,
  workflow: PinnedWorkflow,
  start: RunStart,
): Promise<WorkflowRunCreated> {
  const definition = parseDefinition(workflow.definition);
  const resolved = resolveInputs(definition.inputs, start.inputs);
  if (!resolved.ok)
    throw new ApiError('VALIDATION_FAILED', 'Some inputs of this workflow are missing or invalid.', {
      details: resolved.errors,
    });
  const hires = await hiresOf(db, workflow.userId, definition);
  const budget = await runBudgetFor(db, workflow.userId, start.budgetCredits);
  const steps = stepsOf(definition, hires, resolved.inputs, start);
  const runId = start.runId ?? randomUUID();
  try {
    await withTransaction(db, async (client) => {
      await createRun(client, {
        id: runId,
        userId: workflow.userId,
        kind: 'workflow',
        title: workflow.name.slice(0, 200),
        budget,
        steps,
      });
      await client.query(
        `insert into public.workflow_runs
           (id, user_id, workflow_id, version_id, version, trigger, inputs, scheduled_task_id, replay_of, replay_from, schedule_slot)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)`,
        [
          runId,
          workflow.userId,
          workflow.workflowId,
          workflow.versionId,
          workflow.version,
          start.trigger,
          JSON.stringify(resolved.inputs),
          start.scheduledTaskId ?? null,
          start.replay?.of ?? null,
          start.replay?.from ?? null,
          start.scheduleSlot ?? null,
        ],
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
  return {
    run: {
      id: runId,
      workflow_id: workflow.workflowId,
      version: workflow.version,
      status: 'running',
      budget_credits: budget,
    },
  };
}
