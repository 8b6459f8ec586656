/**
 * Supabase answers `{ data, error }` instead of throwing. Query functions must throw for
 * react-query to see a failure, so they pass results through `unwrap` (or `toDataError` when
 * they also need `count`), which turns PostgREST errors into the app's one `ApiClientError`.
 */
import { ApiClientError, codeForStatus } from './api-client-error';

interface PostgrestErrorLike {
  message: string;
  code?: string;
  details?: string | null;
  hint?: string | null;
}

type SupabaseResult<T> =
  { data: T; error: null; status: number } | { data: null; error: PostgrestErrorLike; status: number };

export function toDataError(error: PostgrestErrorLike, status: number): ApiClientError {
  const details = {
    postgrestCode: error.code,
    message: error.message,
    details: error.details,
    hint: error.hint,
  };
  // `raise exception` in our own SQL functions carries a message written for users: P0001, or a
  // PTnnn code that sets the HTTP status (PostgREST itself never raises PT codes).
  if (error.code === 'P0001' || /^PT\d{3}$/.test(error.code ?? '')) {
    return new ApiClientError({
      status: status || 400,
      code: codeForStatus(status || 400),
      message: error.message,
      details,
    });
  }
  // "Cannot coerce the result to a single JSON object": `.single()` found no row.
  if (error.code === 'PGRST116') return new ApiClientError({ status: 404, code: 'NOT_FOUND', details });
  if (error.code === '23505') return new ApiClientError({ status: 409, code: 'CONFLICT', details });
  // Other database messages name tables and constraints: useful in logs, not to the user.
  return new ApiClientError({ status, code: codeForStatus(status), details, cause: error });
}

export function unwrap<T>(result: SupabaseResult<T>): T {
  if (result.error) throw toDataError(result.error, result.status);
  return result.data;
}
