/**
 * Reads public catalog rows (what `anon` may select under RLS) straight from PostgREST with the
 * anon key, for public pages that should not load the Supabase client and zod just to show a
 * price list (ADR 0067). Anything about the user goes through `@/lib/supabase`, with their token.
 */
import { env } from '@/config/env';
import { ApiClientError } from './api-client-error';
import { toDataError } from './supabase-result';

/** GETs `/rest/v1/<query>` (e.g. `plans?select=id,name&order=position`) and returns the rows. */
export async function publicRows(query: string, signal?: AbortSignal): Promise<unknown[]> {
  let response: Response;
  try {
    response = await fetch(`${env.supabaseUrl}/rest/v1/${query}`, {
      headers: { apikey: env.supabaseAnonKey, Authorization: `Bearer ${env.supabaseAnonKey}` },
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiClientError.network(error);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body ?? {}) as { message?: string; code?: string; details?: string; hint?: string };
    throw toDataError({ ...error, message: error.message ?? response.statusText }, response.status);
  }
  if (!Array.isArray(body)) throw toDataError({ message: 'Expected a list of rows.' }, 502);
  return body;
}
