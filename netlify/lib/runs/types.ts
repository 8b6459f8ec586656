/**
 * The run engine's vocabulary (DESIGN.md §10, docs/decisions/0024). The core (claim, execute,
 * finish, cancel, sweep) knows runs and steps; what a step asks the model and what its answer
 * means belongs to the run's kind (team runs now, workflows later), behind `RunKind`.
 */
import type { Queryable } from '../db';
import type { Logger } from '../observability/logger';
import type { ChatMessage, LlmProvider, ResponseFormat } from '../llm/types';

export type { RunKindName, RunStatus, StepStatus } from '../../../src/shared/runs-contract';
import type { RunKindName, StepStatus } from '../../../src/shared/runs-contract';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A step as the claim hands it to a worker (the row of public.run_steps). */
export interface ClaimedStep {
  /** The run's owner and kind, read with the claim. */
  userId: string;
  runKind: RunKindName;
  id: string;
  runId: string;
  key: string;
  kind: string;
  position: number;
  status: StepStatus;
  input: Record<string, Json>;
  attempt: number;
  maxAttempts: number;
  provider: LlmProvider;
  model: string;
  reserveInputTokens: number;
  maxOutputTokens: number;
  reservedCredits: number;
}

export interface RunRow {
  id: string;
  userId: string;
  kind: RunKindName;
}

/** A step to add to a run: at its creation or as a successor of a finished step. */
export interface NewStep {
  key: string;
  kind: string;
  position: number;
  depends_on?: string[];
  input: Record<string, Json>;
  provider: LlmProvider;
  model: string;
  /** Prompt tokens to reserve for (netlify/lib/llm/pricing.ts reserveTokensFor). */
  reserve_input_tokens: number;
  max_output_tokens: number;
  max_attempts?: number;
}

/** The model call a step makes; provider, model and output cap come from the step row. */
export interface StepCall {
  system?: string;
  messages: ChatMessage[];
  temperature?: number;
  responseFormat?: ResponseFormat;
}

/**
 * A step that needs no model call (a workflow step whose condition is not met, or whose output a
 * replay reuses): it completes with this output and is charged nothing.
 */
export interface StepShortcut {
  skipCall: true;
  output: Json;
}

/** What a step's answer means for the run. */
export interface StepCompletion {
  output: Json;
  successors?: NewStep[];
  /** Set by the step that ends the run (it completes when nothing is left). */
  runOutput?: Json;
  /** The run fails with this message (e.g. a plan that could not be repaired). */
  runError?: string;
}

export interface StepContext {
  db: Queryable;
  log: Logger;
  run: RunRow;
  step: ClaimedStep;
}

export interface RunKind {
  /** Builds the call, loading prompts server-side (they never enter a step's input). */
  prepare(context: StepContext): Promise<StepCall | StepShortcut>;
  /** Interprets the answer's full text. Throwing fails the step (and the run), without retry. */
  complete(context: StepContext, text: string): Promise<StepCompletion>;
}

export type RunKinds = Record<RunKindName, RunKind>;
