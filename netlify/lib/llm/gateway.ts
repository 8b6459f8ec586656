/**
 * The gateway core, shared by `POST /api/llm/:provider` and `POST /api/agents/execute`:
 *
 *   check plan cap and model price → reserve the maximum cost → call the provider →
 *   settle the exact cost (or release on failure) → one token_usage row → usage alerts
 *
 * JSON answers are metered before they are returned. Streams are relayed event by event; if the
 * client goes away mid-stream the provider is drained (up to `drainMs`) so the charge is the
 * provider's exact usage, and only if that cannot be had is the charge estimated from the text
 * (and the usage row marked `estimated`).
 *
 * Every call ends by its deadline (deadline.ts, ADR 0060): the function is killed at the platform's
 * limit, so the provider attempt, its retries, the stream and the drain stop in time to settle. A
 * call the deadline cut is charged for what the provider did — its streamed text, or the whole hold
 * when nothing came back — and says so.
 */
import { randomUUID } from 'node:crypto';
import {
  defaultMaxOutputTokens,
  maxOutputTokensByPlan,
  type LlmJsonResponse,
  type LlmRequest,
  type UsageWire,
} from '../../../src/shared/llm-contract';
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { Logger } from '../observability/logger';
import type { DeferredRateLimit } from '../rate-limit/rate-limiter';
import {
  beginCall,
  releaseAndRecord,
  releaseCredits,
  reserveCredits,
  settleAndRecord,
  type CallRecord,
  type Settlement,
} from './metering';
import { callDeadline, deadlineCut } from './deadline';
import { asPlan, estimateTokensFor, planOf, reserveTokensFor, type Plan } from './pricing';
import { ProviderError } from './provider-error';
import { providerClient } from './providers';
import { SseWriter, sseHeaders } from './sse';
import { providerFailureToApiError } from './to-api-error';
import type {
  FinishReason,
  LlmProvider,
  ProviderClient,
  ProviderEvent,
  ProviderRequest,
  TokenUsage,
} from './types';

/** How long the provider is drained after the client left, to meter its exact usage. */
export const drainMs = 60_000;
/** How often a stream asks whether the caller requested a stop. */
const stopCheckMs = 1_000;
/** A stream with no event for this long is given up (the SDK timeouts end at the headers). */
export const streamIdleMs = 60_000;

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

const promptChars = (request: ProviderRequest) =>
  request.messages.reduce((sum, m) => sum + m.content.length, request.system?.length ?? 0);

/** 400 when the request asks for more output than the caller's plan allows. */
function checkOutputCap(plan: Plan, maxTokens: number): void {
  const cap = maxOutputTokensByPlan[plan];
  if (maxTokens <= cap) return;
  throw new ApiError(
    'VALIDATION_FAILED',
    `Your ${plan} plan allows at most ${cap} output tokens per request.`,
    {
      details: [{ path: 'max_tokens', message: `At most ${cap} on the ${plan} plan.` }],
    },
  );
}

/**
 * Validates the call against the plan and the price list and reserves its maximum cost, in one
 * round trip before the provider is called: the reservation answers the caller's plan, and a
 * request over its plan's output cap gives back the hold it took. A request that is both over the
 * cap and unaffordable gets the cap's 400 (the plan is looked up on that path only).
 */
export async function prepareCall(deps: GatewayDeps, spec: CallSpec): Promise<PreparedCall> {
  const maxTokens = spec.request.max_tokens ?? defaultMaxOutputTokens;
  const providerRequest: ProviderRequest = {
    model: spec.request.model,
    messages: spec.request.messages,
    maxTokens,
    ...(spec.request.system ? { system: spec.request.system } : {}),
    ...(spec.request.temperature === undefined ? {} : { temperature: spec.request.temperature }),
  };
  // Resolve the client before reserving: a provider without a key fails without touching credits.
  const client = providerClient(spec.provider);
  const callId = randomUUID();
  const reservedInputTokens = reserveTokensFor(promptChars(providerRequest), providerRequest.messages.length);
  const reserved = {
    provider: spec.provider,
    model: spec.request.model,
    inputTokens: reservedInputTokens,
    outputTokens: maxTokens,
    feature: spec.feature,
    sessionId: spec.sessionId,
    messageId: spec.messageId,
  };
  let plan: Plan;
  if (deps.deferredRateLimit) {
    // One round trip: the rate limit, the plan and the hold (ADR 0062).
    const begun = await beginCall(deps.db, spec.userId, callId, reserved, deps.deferredRateLimit);
    plan = asPlan(begun.plan);
    if (begun.refusal) {
      if (begun.refusal.code === 'INSUFFICIENT_CREDITS') checkOutputCap(plan, maxTokens);
      throw begun.refusal;
    }
  } else {
    try {
      plan = asPlan(await reserveCredits(deps.db, spec.userId, callId, reserved));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INSUFFICIENT_CREDITS')
        checkOutputCap(await planOf(deps.db, spec.userId), maxTokens);
      throw error;
    }
  }
  try {
    checkOutputCap(plan, maxTokens);
  } catch (error) {
    await releaseCredits(deps.db, callId);
    throw error;
  }
  return {
    callId,
    spec,
    providerRequest,
    client,
    startedAt: new Date(),
    reservedInputTokens,
    deadline: deps.deadline ?? callDeadline(Date.now(), undefined),
  };
}

interface Outcome {
  content: string;
  deliveredContent: string;
  finishReason: FinishReason;
  usage: TokenUsage | undefined;
  failure: ProviderError | undefined;
  clientGone: boolean;
  /** The deadline cut the call: the provider worked until then, reported or not. */
  cutAtDeadline: boolean;
}

/**
 * Settles (or releases) and records the call. Never throws for metering trouble after the provider
 * answered: the answer is already with the caller, so problems are logged and the reservation is
 * left for the sweeper rather than failing the response.
 */
async function finishCall(deps: GatewayDeps, call: PreparedCall, outcome: Outcome): Promise<CallResult> {
  const latencyMs = Date.now() - call.startedAt.getTime();
  const noOutput = outcome.content === '' && !outcome.usage;
  // Cut at the deadline with nothing back: the provider may have worked the whole time, so the
  // hold is charged in full (its tokens are the most the call could use), marked estimated.
  const chargeHold = noOutput && outcome.cutAtDeadline;
  const estimated = !outcome.usage && (!noOutput || chargeHold);
  const usage: TokenUsage =
    outcome.usage ??
    (chargeHold
      ? {
          inputTokens: call.reservedInputTokens,
          outputTokens: call.providerRequest.maxTokens,
          cachedInputTokens: 0,
        }
      : {
          inputTokens: noOutput ? 0 : estimateTokensFor(promptChars(call.providerRequest)),
          outputTokens: estimateTokensFor(outcome.content.length),
          cachedInputTokens: 0,
        });
  const status: CallStatus = outcome.clientGone ? 'stopped' : outcome.failure ? 'error' : 'ok';
  const { spec } = call;

  const record: CallRecord = {
    userId: spec.userId,
    callId: call.callId,
    provider: spec.provider,
    model: spec.request.model,
    feature: spec.feature,
    usage,
    latencyMs,
    status,
    estimated,
    sessionId: spec.sessionId,
    messageId: spec.messageId,
    startedAt: call.startedAt,
  };
  let settlement: Settlement | undefined;
  let balance = 0;
  try {
    if (outcome.failure && noOutput && !chargeHold) {
      balance = await releaseAndRecord(deps.db, record);
    } else {
      const details = {
        provider: spec.provider,
        model: spec.request.model,
        estimated,
        status,
        request_id: deps.requestId,
      };
      const meter = () => settleAndRecord(deps.db, record, details);
      // Idempotent by call id: one retry covers a dropped connection between us and the database.
      ({ settlement, balance } = await meter().catch((error: unknown) => {
        deps.log.warn('metering failed, retrying once', { callId: call.callId, error });
        return meter();
      }));
    }
  } catch (error) {
    deps.log.error('could not meter a model call; the sweeper will expire its reservation', {
      callId: call.callId,
      error,
    });
  }

  deps.log.info('model call', {
    callId: call.callId,
    provider: spec.provider,
    model: spec.request.model,
    status,
    estimated,
    latencyMs,
    credits: settlement?.charged ?? 0,
  });
  return {
    callId: call.callId,
    content: outcome.content,
    deliveredContent: outcome.deliveredContent,
    finishReason: outcome.finishReason,
    usage,
    estimated,
    creditsCharged: settlement?.charged ?? 0,
    balance,
    status,
  };
}

/** The outcome of a call that failed before any output. */
const nothing = {
  content: '',
  deliveredContent: '',
  finishReason: 'other',
  usage: undefined,
  clientGone: false,
  cutAtDeadline: false,
} as const;

const asProviderError = (error: unknown) =>
  error instanceof ProviderError
    ? error
    : new ProviderError('failed', 'The provider call failed.', { cause: error });

/** The failure of a call the deadline cut. */
const deadlineFailure = (cause?: unknown) =>
  new ProviderError('deadline', 'The call reached the function time limit.', { cause });

/**
 * One JSON answer, metered. Throws ApiError when the provider fails (the hold released, or charged
 * when the deadline cut the call) and says what was charged.
 */
export async function completeJson(deps: GatewayDeps, call: PreparedCall): Promise<CallResult> {
  const cut = deadlineCut(call.deadline);
  try {
    const completion = await call.client.complete(call.providerRequest, cut.signal);
    cut.clear();
    return await finishCall(deps, call, {
      ...completion,
      deliveredContent: completion.content,
      failure: undefined,
      clientGone: false,
      cutAtDeadline: false,
    });
  } catch (error) {
    cut.clear();
    const failure = cut.reached ? deadlineFailure(error) : asProviderError(error);
    const result = await finishCall(deps, call, { ...nothing, failure, cutAtDeadline: cut.reached });
    throw providerFailureToApiError(failure, result.creditsCharged);
  }
}

export const toJsonResponse = (call: PreparedCall, result: CallResult): LlmJsonResponse => ({
  id: result.callId,
  provider: call.spec.provider,
  model: call.spec.request.model,
  content: result.content,
  finish_reason: result.finishReason,
  usage: usageToWire(result.usage),
  credits_charged: result.creditsCharged,
  balance: result.balance,
});

export interface StreamOptions {
  /** Events sent before the first delta (agents send the session ids). */
  prelude?: (writer: SseWriter) => void;
  /**
   * Whether the caller asked to stop (agents: the stop endpoint marked the answer), checked at most
   * once a second while tokens arrive. Platforms do not always report a client that went away, so
   * an explicit stop is treated like one.
   */
  stopRequested?: () => Promise<boolean>;
  /** Runs once when the client leaves mid-stream, with what it had received (agents mark the answer stopped). */
  onClientGone?: (deliveredContent: string) => Promise<void>;
  /** Runs after metering, before the final event (agents persist the answer). */
  onFinish?: (result: CallResult) => Promise<void>;
}

/**
 * Starts the provider stream and answers with an SSE response once its first event arrived, so a
 * provider that fails before any output gets a proper HTTP error (and no charge) instead of a 200
 * with an error event.
 */
export async function completeStream(
  deps: GatewayDeps,
  call: PreparedCall,
  options: StreamOptions = {},
): Promise<Response> {
  // One signal ends the provider stream: the deadline, the idle bound or the drain bound.
  const upstream = deadlineCut(call.deadline);
  let idleTimer: NodeJS.Timeout | undefined;
  const stillAlive = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => upstream.abort(), streamIdleMs);
  };
  const events = call.client.stream(call.providerRequest, upstream.signal)[Symbol.asyncIterator]();
  let first: IteratorResult<ProviderEvent>;
  try {
    stillAlive();
    first = await events.next();
  } catch (error) {
    clearTimeout(idleTimer);
    upstream.clear();
    const failure = upstream.reached ? deadlineFailure(error) : asProviderError(error);
    const result = await finishCall(deps, call, { ...nothing, failure, cutAtDeadline: upstream.reached });
    await options.onFinish?.(result);
    throw providerFailureToApiError(failure, result.creditsCharged);
  }

  let drainTimer: NodeJS.Timeout | undefined;
  let deliveredContent = '';
  const writer = new SseWriter(() => {
    drainTimer = setTimeout(() => upstream.abort(), drainMs);
    options
      .onClientGone?.(deliveredContent)
      .catch((error: unknown) =>
        deps.log.error('could not record a stopped stream', { callId: call.callId, error }),
      );
  });
  deps.clientSignal?.addEventListener('abort', () => writer.markGone(), { once: true });

  const relay = async () => {
    let content = '';
    let usage: TokenUsage | undefined;
    let finishReason: FinishReason = 'other';
    let failure: ProviderError | undefined;
    const apply = (event: ProviderEvent) => {
      stillAlive();
      if (event.type === 'delta') {
        content += event.text;
        if (!writer.clientGone) deliveredContent += event.text;
        writer.send('delta', { text: event.text });
      } else if (event.type === 'usage') {
        usage = event.usage;
        writer.send('usage', usageToWire(event.usage));
      } else {
        finishReason = event.reason;
      }
    };
    try {
      options.prelude?.(writer);
      if (!first.done) apply(first.value);
      let stopCheckedAt = Date.now();
      for (let next = await events.next(); !next.done; next = await events.next()) {
        apply(next.value);
        if (options.stopRequested && !writer.clientGone && Date.now() - stopCheckedAt >= stopCheckMs) {
          stopCheckedAt = Date.now();
          if (await options.stopRequested()) {
            writer.markGone();
            writer.close();
          }
        }
      }
    } catch (error) {
      failure = upstream.reached ? deadlineFailure(error) : asProviderError(error);
    } finally {
      clearTimeout(drainTimer);
      clearTimeout(idleTimer);
      upstream.clear();
    }

    const result = await finishCall(deps, call, {
      content,
      deliveredContent,
      finishReason,
      usage,
      failure,
      clientGone: writer.clientGone,
      cutAtDeadline: upstream.reached,
    });
    try {
      await options.onFinish?.(result);
    } catch (error) {
      deps.log.error('could not persist a finished model call', { callId: call.callId, error });
    }
    if (failure && !writer.clientGone) {
      const apiError = providerFailureToApiError(failure, result.creditsCharged);
      writer.send('error', {
        error: { code: apiError.code, message: apiError.message, requestId: deps.requestId },
      });
    } else {
      writer.send('done', {
        finish_reason: finishReason,
        credits_charged: result.creditsCharged,
        balance: result.balance,
      });
    }
    writer.close();
  };

  const relaying = relay().catch((error: unknown) => {
    deps.log.error('stream relay failed', { callId: call.callId, error });
    writer.close();
  });
  deps.waitUntil?.(relaying);
  return new Response(writer.body, { status: 200, headers: sseHeaders });
}
