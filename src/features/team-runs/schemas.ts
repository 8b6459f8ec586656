import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { runStatuses, stepStatuses } from '@/shared/runs-contract';

const credits = dbNumber;

export const runRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(runStatuses),
  budget_credits: credits,
  spent_credits: credits,
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  closed_at: z.string().nullable(),
});
export type RunRow = z.infer<typeof runRowSchema>;

export const stepRowSchema = z.object({
  key: z.string(),
  kind: z.string(),
  position: z.number(),
  status: z.enum(stepStatuses),
  attempt: z.number(),
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

export const conversationSchema = z.object({
  task: z.string(),
  result: z.string().nullable(),
  status: z.string(),
});

export interface TeamRunDetail {
  run: RunRow;
  task: string;
  steps: StepRow[];
}

export type { PricedHire as Candidate } from '@/lib/priced-hires';

export const planEntrySchema = z.object({ employee_id: z.string(), task: z.string(), why: z.string() });
