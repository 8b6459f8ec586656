/**
 * GET /api/health: can this deploy reach what every request needs? Each dependency is probed with
 * a short timeout so a monitor gets an answer (200, or 503 naming what failed) in a few seconds.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { Logger } from '../observability/logger';
import type { RateLimiter } from '../rate-limit/rate-limiter';

type Status = 'ok' | 'failed';

export interface HealthReport {
  status: 'ok';
  database: Status;
  limiter: Status;
  version: string;
}

const PROBE_TIMEOUT_MS = 3_000;

async function probe(name: string, check: () => Promise<unknown>, log: Logger): Promise<Status> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${name} probe timed out after ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return 'ok';
  } catch (error) {
    log.warn('health probe failed', { dependency: name, error });
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(deps: {
  db: Queryable;
  limiter: RateLimiter;
  version: string;
  log: Logger;
}): Promise<HealthReport> {
  const [database, limiter] = await Promise.all([
    probe('database', () => deps.db.query('select 1'), deps.log),
    probe('limiter', () => deps.limiter.healthCheck(), deps.log),
  ]);
  if (database === 'failed' || limiter === 'failed') {
    const failed = [
      database === 'failed' ? 'database' : null,
      limiter === 'failed' ? 'rate limiter' : null,
    ].filter(Boolean);
    throw new ApiError('UNAVAILABLE', `Unavailable: ${failed.join(' and ')} unreachable.`, {
      details: { status: 'unavailable', database, limiter, version: deps.version },
      headers: { 'retry-after': '30' },
    });
  }
  return { status: 'ok', database, limiter, version: deps.version };
}
