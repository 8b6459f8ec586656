import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { runStatuses, stepStatuses } from '@/shared/runs-contract';
import { workflowTriggers } from '@/shared/workflows-contract';

const credits = dbNumber;

export const workflowRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.number(),
  current_version_id: z.string().nullable(),
  updated_at: z.string(),
});
export type WorkflowRow = z.infer<typeof workflowRowSchema>;

export const versionRowSchema = z.object({
  id: z.string(),
  version: z.number(),
  definition: z.unknown(),
  created_at: z.string(),
});
export type VersionRow = z.infer<typeof versionRowSchema>;

export const workflowRunRowSchema = z.object({
  id: z.string(),
  workflow_id: z.string(),
  version: z.number(),
  trigger: z.enum(workflowTriggers),
  status: z.enum(runStatuses),
  credits_charged: credits,
  error: z.string().nullable(),
  inputs: z.record(z.string(), z.string()),
  replay_of: z.string().nullable(),
  replay_from: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type WorkflowRunRow = z.infer<typeof workflowRunRowSchema>;

export const runRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(runStatuses),
  budget_credits: credits,
  spent_credits: credits,
  error: z.string().nullable(),
  closed_at: z.string().nullable(),
});
export type RunRow = z.infer<typeof runRowSchema>;

export const stepRowSchema = z.object({
  key: z.string(),
  position: z.number(),
  depends_on: z.array(z.string()),
  status: z.enum(stepStatuses),
  attempt: z.number(),
  max_attempts: z.number(),
  input: z.record(z.string(), z.unknown()),
  output: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  provider: z.string(),
  model: z.string(),
  input_tokens: credits,
  output_tokens: credits,
  credits_charged: credits,
  latency_ms: z.number().nullable(),
  estimated: z.boolean(),
});
export type StepRow = z.infer<typeof stepRowSchema>;

/** A hired employee the builder can pick, on their pinned model with today's price. */
export type { PricedHire as HireOption } from '@/lib/priced-hires';
