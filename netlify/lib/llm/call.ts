/**
 * What a model call is, from its preparation to its result: the types the gateway's stages share
 * (prepare-call.ts → complete-json.ts / complete-stream.ts → finish-call.ts).
 */
import type { LlmRequest, UsageWire } from '../../../src/shared/llm-contract';
import type { Queryable } from '../db';
import type { Logger } from '../observability/logger';
import type { DeferredRateLimit } from '../rate-limit/rate-limiter';
import type { FinishReason, LlmProvider, ProviderClient, ProviderRequest, TokenUsage } from './types';

export interface GatewayDeps {
  db: Queryable;
  log: Logger;
  /** The pipeline's request id, quoted in error events. */
  requestId: string;
  /** Keeps the function alive for work after the response (Netlify's context.waitUntil). */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** The incoming request's signal: aborted when the client disconnects. */
  clientSignal?: AbortSignal;
  /** Epoch ms by which the call must be settled (the pipeline's `deadline`); 30 s from now if unset. */
  deadline?: number;
  /** The pipeline's `llm` limit, to count in the reservation's statement (billing.begin_call). */
  deferredRateLimit?: DeferredRateLimit;
}

export interface CallSpec {
  userId: string;
  provider: LlmProvider;
  request: Omit<LlmRequest, 'stream'>;
  feature: 'proxy' | 'chat';
  sessionId?: string;
  messageId?: string;
}

export type CallStatus = 'ok' | 'error' | 'stopped';

export interface CallResult {
  callId: string;
  /** The whole answer, including what was drained after the client left. */
  content: string;
  /** What reached the client before it left (all of `content` unless stopped). */
  deliveredContent: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  estimated: boolean;
  creditsCharged: number;
  balance: number;
  status: CallStatus;
}

export interface PreparedCall {
  callId: string;
  spec: CallSpec;
  providerRequest: ProviderRequest;
  client: ProviderClient;
  startedAt: Date;
  /** The prompt tokens the hold was priced at (charged when a cut call reported nothing). */
  reservedInputTokens: number;
  /** Epoch ms: the provider call is cut here, leaving time to settle before the function ends. */
  deadline: number;
}

export const usageToWire = (usage: TokenUsage): UsageWire => ({
  input_tokens: usage.inputTokens,
  output_tokens: usage.outputTokens,
  cached_input_tokens: usage.cachedInputTokens,
});

/** The characters of the prompt, for estimates. */
export const promptChars = (request: ProviderRequest) =>
  request.messages.reduce((sum, m) => sum + m.content.length, request.system?.length ?? 0);
