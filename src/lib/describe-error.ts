/** Turns anything thrown into what a person should read, plus the reference support asks for. */
import { isApiClientError } from './api-client-error';

export interface ErrorDescription {
  message: string;
  requestId: string | undefined;
}

export function describeError(error: unknown): ErrorDescription {
  if (isApiClientError(error)) return { message: error.message, requestId: error.requestId };
  // Other errors are programming mistakes; their text means nothing to users.
  return { message: 'Something unexpected went wrong. Please try again.', requestId: undefined };
}
