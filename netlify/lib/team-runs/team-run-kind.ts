/**
 * Team runs on the run engine: the supervisor's `plan` step (structured output) adds one
 * `contribution` step per member (in parallel) and the `synthesis` step that waits for them all;
 * the synthesis is the run's result. A plan that does not parse gets one `plan-repair` step; if
 * that fails too, the run fails with the reason. Contributions never add steps (delegation depth
 * 1), so no employee can delegate, to itself or anyone.
 */
import type { Queryable } from '../db';
import { BoundedCache } from '../runs/bounded-cache';
import { reserveTokensFor } from '../llm/pricing';
import type { LlmProvider } from '../llm/types';
import type { Json, NewStep, RunKind, StepCall, StepCompletion, StepContext } from '../runs/types';
import { parsePlan, planJsonSchema, type Plan, type TeamMember } from './plan-schema';
import {
  charsOf,
  contributionMessages,
  planMessages,
  repairMessages,
  supervisorSystem,
  synthesisMessages,
} from './prompts';

export const stepTokens = { plan: 1_024, contribution: 1_024, synthesis: 2_048 } as const;

interface Version {
  system_prompt: string;
  provider: LlmProvider;
  model: string;
}

/**
 * Versions and a run's task never change (ai_employee_versions is immutable, a task is not
 * editable), so a worker keeps what it read: a step's prompt costs no round trip when warm.
 */
const versions = new BoundedCache<string, Version>(500);
const tasks = new BoundedCache<string, string>(500);

async function loadVersion(db: Queryable, versionId: string): Promise<Version> {
  const cached = versions.get(versionId);
  if (cached) return cached;
  const { rows } = await db.query<Version>(
    'select system_prompt, provider, model from public.ai_employee_versions where id = $1',
    [versionId],
  );
  if (!rows[0]) throw new Error(`employee version ${versionId} not found`);
  versions.set(versionId, rows[0]);
  return rows[0];
}

async function loadTask(db: Queryable, runId: string): Promise<string> {
  const cached = tasks.get(runId);
  if (cached !== undefined) return cached;
  const { rows } = await db.query<{ task: string }>(
    'select task from public.multi_agent_conversations where id = $1',
    [runId],
  );
  if (!rows[0]) throw new Error(`team run ${runId} not found`);
  tasks.set(runId, rows[0].task);
  return rows[0].task;
}

interface PlanInput {
  supervisor_version_id: string;
  supervisor_name: string;
  team: TeamMember[];
  repair_of?: { text: string; error: string };
}

const planInput = (context: StepContext) => context.step.input as unknown as PlanInput;

/** The first step of a team run, made when the run is created. */
export function planStep(input: PlanInput, task: string, version: Version): NewStep {
  const system = supervisorSystem(version.system_prompt);
  const messages = planMessages(task, input.team);
  return {
    key: 'plan',
    kind: 'plan',
    position: 0,
    input: input as unknown as Record<string, Json>,
    provider: version.provider,
    model: version.model,
    reserve_input_tokens: reserveTokensFor(charsOf(system, messages), messages.length),
    max_output_tokens: stepTokens.plan,
  };
}

function repairStep(context: StepContext, task: string, text: string, error: string): NewStep {
  const input: PlanInput = { ...planInput(context), repair_of: { text, error } };
  const messages = repairMessages(task, input.team, text, error);
  return {
    key: 'plan-repair',
    kind: 'plan',
    position: 1,
    depends_on: ['plan'],
    input: input as unknown as Record<string, Json>,
    provider: context.step.provider,
    model: context.step.model,
    // The supervisor's system prompt is not at hand here: the plan step's reservation covered it.
    reserve_input_tokens: context.step.reserveInputTokens + reserveTokensFor(charsOf('', messages), 2),
    max_output_tokens: stepTokens.plan,
  };
}

async function workSteps(context: StepContext, task: string, plan: Plan): Promise<NewStep[]> {
  const input = planInput(context);
  const { rows: participants } = await context.db.query<{
    id: string;
    employee_id: string;
    employee_version_id: string;
    position: number;
  }>(
    'select id, employee_id, employee_version_id, position from public.conversation_participants where conversation_id = $1',
    [context.run.id],
  );
  const planKey = context.step.key;
  const steps: NewStep[] = [];
  for (const [index, subtask] of plan.subtasks.entries()) {
    const participant = participants.find((p) => p.employee_id === subtask.employee_id);
    const member = input.team.find((m) => m.employee_id === subtask.employee_id);
    if (!participant || !member) throw new Error(`no participant for ${subtask.employee_id}`);
    const version = await loadVersion(context.db, participant.employee_version_id);
    const messages = contributionMessages(task, subtask.task, subtask.why, input.supervisor_name);
    steps.push({
      key: `contribution-${index + 1}`,
      kind: 'contribution',
      position: 2 + index,
      depends_on: [planKey],
      input: {
        participant_id: participant.id,
        employee_id: member.employee_id,
        employee_version_id: participant.employee_version_id,
        name: member.name,
        role: member.role,
        subtask: subtask.task,
        why: subtask.why,
        supervisor_name: input.supervisor_name,
      },
      provider: version.provider,
      model: version.model,
      reserve_input_tokens: reserveTokensFor(charsOf(version.system_prompt, messages), messages.length),
      max_output_tokens: stepTokens.contribution,
    });
  }
  const supervisor = await loadVersion(context.db, input.supervisor_version_id);
  const frame = synthesisMessages(task, []);
  steps.push({
    key: 'synthesis',
    kind: 'synthesis',
    position: 2 + steps.length,
    depends_on: steps.map((s) => s.key),
    input: { supervisor_version_id: input.supervisor_version_id, name: input.supervisor_name },
    provider: supervisor.provider,
    model: supervisor.model,
    // The contributions become its prompt: reserve for each at its output cap, counted generously.
    reserve_input_tokens:
      reserveTokensFor(charsOf(supervisorSystem(supervisor.system_prompt), frame), 1) +
      steps.length * 2 * stepTokens.contribution,
    max_output_tokens: stepTokens.synthesis,
  });
  return steps;
}

async function contributionsOf(db: Queryable, runId: string) {
  const { rows } = await db.query<{ name: string; role: string; text: string }>(
    `select input ->> 'name' as name, input ->> 'role' as role, coalesce(output ->> 'text', '') as text
     from public.run_steps where run_id = $1 and kind = 'contribution' and status = 'completed' order by position`,
    [runId],
  );
  return rows;
}

export const teamRunKind: RunKind = {
  async prepare(context): Promise<StepCall> {
    const { db, run, step } = context;
    const task = await loadTask(db, run.id);
    if (step.kind === 'plan') {
      const input = planInput(context);
      const version = await loadVersion(db, input.supervisor_version_id);
      return {
        system: supervisorSystem(version.system_prompt),
        messages: input.repair_of
          ? repairMessages(task, input.team, input.repair_of.text, input.repair_of.error)
          : planMessages(task, input.team),
        responseFormat: { name: 'team_plan', schema: planJsonSchema(input.team) },
      };
    }
    const version = await loadVersion(
      db,
      String(step.input.employee_version_id ?? step.input.supervisor_version_id),
    );
    if (step.kind === 'contribution') {
      return {
        system: version.system_prompt,
        messages: contributionMessages(
          task,
          String(step.input.subtask),
          String(step.input.why),
          String(step.input.supervisor_name),
        ),
      };
    }
    return {
      system: supervisorSystem(version.system_prompt),
      messages: synthesisMessages(task, await contributionsOf(db, run.id)),
    };
  },

  async complete(context, text): Promise<StepCompletion> {
    const { step } = context;
    if (step.kind === 'plan') {
      const parsed = parsePlan(text, planInput(context).team);
      const task = await loadTask(context.db, context.run.id);
      if (parsed.ok) {
        return {
          output: { plan: parsed.plan.subtasks, text },
          successors: await workSteps(context, task, parsed.plan),
        };
      }
      if (step.key === 'plan') {
        return {
          output: { text, error: parsed.error },
          successors: [repairStep(context, task, text, parsed.error)],
        };
      }
      return {
        output: { text, error: parsed.error },
        runError: `The supervisor's plan could not be read, even after one repair: ${parsed.error}`,
      };
    }
    if (step.kind === 'synthesis') return { output: { text }, runOutput: { text } };
    return { output: { text } };
  },
};
