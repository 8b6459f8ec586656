/**
 * Stripe SDK failures, answered like provider failures (DESIGN.md §6) rather than as a masked 500:
 * Stripe unreachable or failing → 502, Stripe's rate limit or our own misconfiguration → 503 with
 * Retry-After. The SDK error stays the cause, so the pipeline logs it with the request id.
 */
import Stripe from 'stripe';
import { ApiError } from '../http/api-error';

export async function withStripeFailures<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStripeApiError(error) ?? error;
  }
}

function toStripeApiError(error: unknown): ApiError | undefined {
  if (!(error instanceof Stripe.errors.StripeError)) return undefined;
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new ApiError('UNAVAILABLE', 'Billing is busy right now. Please try again in a few seconds.', {
      headers: { 'retry-after': '5' },
      cause: error,
    });
  }
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    return new ApiError('UNAVAILABLE', 'Billing is unavailable right now. Please try again later.', {
      headers: { 'retry-after': '60' },
      cause: error,
    });
  }
  return new ApiError(
    'UPSTREAM_FAILED',
    'Our payment provider did not answer. Nothing was charged; please try again.',
    {
      cause: error,
    },
  );
}
