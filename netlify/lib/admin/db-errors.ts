/**
 * The admin SQL functions raise errors whose messages are written for the admin (PT409 conflicts,
 * 22023 bad arguments, PT404 no account); they become the matching ApiError with that message.
 */
import { ApiError } from '../http/api-error';

const codes: Record<string, 'CONFLICT' | 'VALIDATION_FAILED' | 'NOT_FOUND' | 'FORBIDDEN'> = {
  PT409: 'CONFLICT',
  '22023': 'VALIDATION_FAILED',
  PT404: 'NOT_FOUND',
  '42501': 'FORBIDDEN',
};

export function adminDbError(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  const mapped = code ? codes[code] : undefined;
  if (!mapped) return error;
  const message = code === 'PT404' ? 'No such user.' : (error as Error).message;
  return new ApiError(mapped, message, { cause: error });
}
