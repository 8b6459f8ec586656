/** What the caller sees when the provider fails (before any output was streamed). */
import { ApiError } from '../http/api-error';
import type { ProviderError } from './provider-error';

export function providerFailureToApiError(error: ProviderError): ApiError {
  switch (error.kind) {
    case 'rejected':
      // We validated the request; what is left is the model refusing this content or length.
      return new ApiError(
        'VALIDATION_FAILED',
        'The model provider rejected this request (it may be too long for the model).',
        {
          details: { providerStatus: error.status },
          cause: error,
        },
      );
    case 'rate_limited': {
      const retryAfter = String(error.retryAfterSeconds ?? 5);
      return new ApiError('UNAVAILABLE', 'The model provider is busy. Please try again shortly.', {
        headers: { 'retry-after': retryAfter },
        cause: error,
      });
    }
    case 'timeout':
      return new ApiError('UPSTREAM_FAILED', 'The model provider did not answer in time.', { cause: error });
    default:
      return new ApiError('UPSTREAM_FAILED', 'The model provider failed to answer. Nothing was charged.', {
        cause: error,
      });
  }
}
