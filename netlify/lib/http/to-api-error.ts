/**
 * Maps anything a request can throw to the ApiError the caller sees. Unknown errors become a masked
 * 500: their text may hold SQL, stack frames or upstream replies, so the user gets only the request
 * id to quote while the logs keep the whole error.
 */
import { EnvError } from '../env';
import { ApiError } from './api-error';

/**
 * SQLSTATEs that only bad input can cause, whatever the statement: text PostgreSQL cannot store
 * (a NUL byte: 22021; a character without a mapping: 22P05). Bad input never yields a 5xx.
 */
const unstorableText = new Set(['22021', '22P05']);

export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (unstorableText.has((error as { code?: unknown } | null)?.code as string)) {
    return new ApiError(
      'VALIDATION_FAILED',
      'The request contains characters that cannot be stored (such as NUL).',
      {
        cause: error,
      },
    );
  }
  // A statement run as the user (asUser) that RLS or a grant refused: the database said no.
  if ((error as { code?: unknown } | null)?.code === '42501') {
    return new ApiError('FORBIDDEN', 'You are not allowed to do that.', { cause: error });
  }
  if (error instanceof EnvError) {
    return new ApiError('UNAVAILABLE', 'Server is misconfigured. Please try again later.', { cause: error });
  }
  return new ApiError('INTERNAL', `Something went wrong. Quote request id ${requestId}.`, { cause: error });
}
