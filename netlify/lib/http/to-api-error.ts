/**
 * Maps anything a request can throw to the ApiError the caller sees. Unknown errors become a masked
 * 500: their text may hold SQL, stack frames or upstream replies, so the user gets only the request
 * id to quote while the logs keep the whole error.
 */
import { EnvError } from '../env';
import { ApiError } from './api-error';

export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof EnvError) {
    return new ApiError('UNAVAILABLE', 'Server is misconfigured. Please try again later.', { cause: error });
  }
  return new ApiError('INTERNAL', `Something went wrong. Quote request id ${requestId}.`, { cause: error });
}
