/** Stage 2 for a JSON answer: the provider's whole completion, metered before it is returned. */
import type { LlmJsonResponse } from '../../../src/shared/llm-contract';
import type { CallResult, GatewayDeps, PreparedCall } from './call';
import { usageToWire } from './call';
import { deadlineCut } from './deadline';
import { asProviderError, deadlineFailure, finishCall, nothing } from './finish-call';
import { providerFailureToApiError } from './to-api-error';

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
