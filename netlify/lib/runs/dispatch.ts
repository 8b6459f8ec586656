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

/** What a dispatch asks for: the steps of one run, or (no run) any ready step. */
export interface Dispatch {
  runId?: string;
  reason: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The run a worker invocation is for, from its body (anything else: no run, claim any). */
export async function dispatchedRun(req: Request): Promise<string | undefined> {
  try {
    const body = (await req.json()) as { run_id?: unknown };
    return typeof body.run_id === 'string' && uuid.test(body.run_id) ? body.run_id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fires a worker and returns once the platform accepted it (202) or after `timeoutMs`; never
 * throws: if the dispatch is lost, the one-minute sweeper dispatches again.
 */
export async function dispatchWorker(
  env: Pick<ServerEnv, 'SUPABASE_SERVICE_ROLE_KEY' | 'APP_URL'>,
  log: Logger,
  { runId, reason }: Dispatch,
  timeoutMs = 2_000,
): Promise<void> {
  try {
    const response = await fetch(new URL(workerPath, env.APP_URL), {
      method: 'POST',
      headers: { [dispatchHeader]: dispatchToken(env), 'content-type': 'application/json' },
      body: JSON.stringify({ run_id: runId, reason }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status !== 202) log.warn('run worker dispatch refused', { status: response.status, reason });
  } catch (error) {
    log.warn('run worker dispatch failed; the sweeper will dispatch again', { reason, error });
  }
}
