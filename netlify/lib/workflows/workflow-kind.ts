/**
 * Workflow runs on the run engine: the whole graph is inserted when the run starts (steps wait on
 * the keys their prompt, condition and `after` name), so independent steps are ready together and
 * run in parallel. At execution a step renders its prompt from the run's input values (carried in
 * its own input) and the outputs of the steps it waits for, and its employee answers with the
 * system prompt of the version pinned at start.
 *
 * Without a model call, and charged nothing, a step completes as skipped when its condition is
 * not met or every step it waits for was skipped (a branch not taken), and as reused when a replay
 * takes its output from the earlier run. The last step's output is the run's result
 * (a trigger of migration 20261204100000 sets it when that step completes).
 */
import type { Queryable } from '../db';
import type { LlmProvider } from '../llm/types';
import { BoundedCache } from '../runs/bounded-cache';
import type { Json, RunKind, StepCall, StepContext, StepShortcut } from '../runs/types';
import { supabaseAdmin } from '../supabase';
import {
  conditionHolds,
  renderTemplate,
  workflowOutputPath,
  workflowOutputsBucket,
  type WorkflowStepInput,
  type WorkflowStepOutput,
} from '../../../src/shared/workflows-contract';

interface Version {
  system_prompt: string;
  provider: LlmProvider;
  model: string;
}

// Employee versions are immutable: a warm worker reads each once.
const versions = new BoundedCache<string, Version>(500);

export async function loadEmployeeVersion(db: Queryable, versionId: string): Promise<Version> {
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

/**
 * Writes a step's output to its owner's folder of the workflow-outputs bucket (a service action:
 * users cannot write there). Upsert, so a retried attempt rewrites the same file. A failure is
 * recorded beside the output rather than failing a step whose model call succeeded.
 */
async function saveOutput(context: StepContext, text: string): Promise<Partial<WorkflowStepOutput>> {
  const path = workflowOutputPath(context.run.userId, context.run.id, context.step.key);
  const { error } = await supabaseAdmin()
    .storage.from(workflowOutputsBucket)
    .upload(path, new Blob([text], { type: 'text/markdown' }), {
      contentType: 'text/markdown',
      upsert: true,
    });
  if (!error) return { file: path };
  context.log.error('a workflow step output could not be saved to Storage', {
    stepId: context.step.id,
    error,
  });
  return { file_error: 'The output could not be saved as a file.' };
}

const inputOf = (context: StepContext) => context.step.input as unknown as WorkflowStepInput;

async function dependencyOutputs(db: Queryable, stepId: string) {
  const { rows } = await db.query<{ key: string; output: WorkflowStepOutput | null }>(
    `select o.key, o.output from public.run_steps s
     join public.run_steps o on o.run_id = s.run_id and o.key = any (s.depends_on)
     where s.id = $1`,
    [stepId],
  );
  return rows;
}

async function reusedOutput(db: Queryable, reuse: { run_id: string; key: string }) {
  const { rows } = await db.query<{ output: WorkflowStepOutput | null }>(
    `select output from public.run_steps where run_id = $1 and key = $2 and status = 'completed'`,
    [reuse.run_id, reuse.key],
  );
  if (!rows[0]?.output) throw new Error(`no completed step ${reuse.key} in run ${reuse.run_id} to reuse`);
  return rows[0].output;
}

const shortcut = (output: WorkflowStepOutput): StepShortcut => ({
  skipCall: true,
  output: output as unknown as Json,
});

export const workflowKind: RunKind = {
  async prepare(context): Promise<StepCall | StepShortcut> {
    const { db, step } = context;
    const input = inputOf(context);
    if (input.reuse) {
      const earlier = await reusedOutput(db, input.reuse);
      return shortcut({ ...earlier, reused_from: input.reuse.run_id });
    }
    const deps = await dependencyOutputs(db, step.id);
    if (deps.length > 0 && deps.every((d) => d.output?.skipped))
      return shortcut({ text: '', skipped: true, reason: 'Every step it waits for was skipped.' });
    if (input.condition) {
      const on = deps.find((d) => d.key === input.condition!.step);
      if (on?.output?.skipped || !conditionHolds(input.condition, on?.output?.text ?? ''))
        return shortcut({ text: '', skipped: true, reason: 'Its condition was not met.' });
    }
    const version = await loadEmployeeVersion(db, input.employee_version_id);
    const steps = Object.fromEntries(deps.map((d) => [d.key, d.output?.text ?? '']));
    return {
      system: version.system_prompt,
      messages: [{ role: 'user', content: renderTemplate(input.prompt, { inputs: input.inputs, steps }) }],
    };
  },

  // The final step's output becomes the run's by trigger (it may not be the last to finish).
  async complete(context, text) {
    const output: WorkflowStepOutput = { text };
    if (inputOf(context).save_to_storage) Object.assign(output, await saveOutput(context, text));
    return { output: output as unknown as Json };
  },
};
