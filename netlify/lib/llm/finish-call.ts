/**
 * The last stage of every model call: settle (or release) and record it — one statement, the usage
 * row with it — and say what it cost. What to charge is decided here, from how the call ended.
 */
import type { CallResult, CallStatus, GatewayDeps, PreparedCall } from './call';
import { promptChars } from './call';
import { releaseAndRecord, settleAndRecord, type CallRecord, type Settlement } from './metering';
import { estimateTokensFor } from './pricing';
import { ProviderError } from './provider-error';
import type { FinishReason, TokenUsage } from './types';

export interface Outcome {
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
export async function finishCall(
  deps: GatewayDeps,
  call: PreparedCall,
  outcome: Outcome,
): Promise<CallResult> {
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
export const nothing = {
  content: '',
  deliveredContent: '',
  finishReason: 'other',
  usage: undefined,
  clientGone: false,
  cutAtDeadline: false,
} as const;

export const asProviderError = (error: unknown) =>
  error instanceof ProviderError
    ? error
    : new ProviderError('failed', 'The provider call failed.', { cause: error });

/** The failure of a call the deadline cut. */
export const deadlineFailure = (cause?: unknown) =>
  new ProviderError('deadline', 'The call reached the function time limit.', { cause });
