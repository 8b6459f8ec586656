/**
 * Starting a worker (docs/decisions/0025): a POST to the site's own background function, which
 * Netlify answers 202 at once and runs for up to 15 minutes. Only callers holding the dispatch
 * token (derived from the service-role key, so there is no extra secret to configure) make it
 * work; anyone else gets 404. Even a forged dispatch could only make a worker claim ready steps,
 * which is idempotent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerEnv } from '../env';
import type { Logger } from '../observability/logger';

export const dispatchHeader = 'x-run-dispatch';
export const workerPath = '/.netlify/functions/run-worker-background';

export const dispatchToken = (env: Pick<ServerEnv, 'SUPABASE_SERVICE_ROLE_KEY'>) =>
  createHmac('sha256', env.SUPABASE_SERVICE_ROLE_KEY).update('run-worker-dispatch').digest('hex');

export function isDispatchAuthorized(
  req: Request,
  env: Pick<ServerEnv, 'SUPABASE_SERVICE_ROLE_KEY'>,
): boolean {
  const given = Buffer.from(req.headers.get(dispatchHeader) ?? '');
  const expected = Buffer.from(dispatchToken(env));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Fires a worker and returns once the platform accepted it (202) or after `timeoutMs`; never
 * throws: if the dispatch is lost, the one-minute sweeper dispatches again.
 */
export async function dispatchWorker(
  env: Pick<ServerEnv, 'SUPABASE_SERVICE_ROLE_KEY' | 'APP_URL'>,
  log: Logger,
  reason: string,
  timeoutMs = 2_000,
): Promise<void> {
  try {
    const response = await fetch(new URL(workerPath, env.APP_URL), {
      method: 'POST',
      headers: { [dispatchHeader]: dispatchToken(env), 'content-type': 'application/json' },
      body: JSON.stringify({ reason }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status !== 202) log.warn('run worker dispatch refused', { status: response.status, reason });
  } catch (error) {
    log.warn('run worker dispatch failed; the sweeper will dispatch again', { reason, error });
  }
}
