/**
 * What the caller sees when the provider fails, before or during the answer. The message states
 * what the failed call cost: nothing when it produced nothing, else the credits charged for what
 * the provider did (the output so far, or the whole hold when the deadline cut a call that had
 * returned nothing).
 */
import { ApiError } from '../http/api-error';
import type { ProviderError } from './provider-error';

// Every digit, as the ledger shows it (src/lib/credits-format.ts formatCreditsExact).
const exact = new Intl.NumberFormat('en-US');

/** The sentence that tells the caller what the failed call was charged. */
export function chargedSentence(creditsCharged: number): string {
  if (creditsCharged <= 0) return 'Nothing was charged.';
  const credits = `${exact.format(creditsCharged)} ${creditsCharged === 1 ? 'credit was' : 'credits were'}`;
  return `${credits} charged for the work the model did.`;
}

export function providerFailureToApiError(error: ProviderError, creditsCharged = 0): ApiError {
  const charged = chargedSentence(creditsCharged);
  switch (error.kind) {
    case 'rejected':
      // We validated the request; what is left is the model refusing this content or length.
      return new ApiError(
        'VALIDATION_FAILED',
        `The model provider rejected this request (it may be too long for the model). ${charged}`,
        {
          details: { providerStatus: error.status },
          cause: error,
        },
      );
    case 'rate_limited': {
      const retryAfter = String(error.retryAfterSeconds ?? 5);
      return new ApiError('UNAVAILABLE', `The model provider is busy. Please try again shortly. ${charged}`, {
        headers: { 'retry-after': retryAfter },
        cause: error,
      });
    }
    case 'timeout':
      return new ApiError('UPSTREAM_FAILED', `The model provider did not answer in time. ${charged}`, {
        cause: error,
      });
    case 'deadline':
      return new ApiError(
        'UPSTREAM_FAILED',
        `The answer did not finish within this request's time limit. ${charged} Ask for fewer output tokens, or run long work as a background run.`,
        { cause: error },
      );
    default:
      return new ApiError('UPSTREAM_FAILED', `The model provider failed to answer. ${charged}`, {
        cause: error,
      });
  }
}
