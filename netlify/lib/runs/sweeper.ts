/**
 * The body of the scheduled `run-sweeper` (every minute): recovers step attempts whose worker
 * died (expired lease: charged once from what they streamed, then retried), releases the holds
 * of ended runs, and dispatches a worker when steps are ready.
 */
import { getDb } from '../db';
import { serverEnv } from '../env';
import { createLogger } from '../observability/logger';
import { dispatchWorker } from './dispatch';
import { sweep } from './store';

export async function sweepRuns(): Promise<Response> {
  const log = createLogger({ job: 'run-sweeper' });
  try {
    const env = serverEnv();
    const result = await sweep(getDb(env.DATABASE_URL), new Date());
    log.info('run sweep', { ...result });
    if (result.ready > 0) await dispatchWorker(env, log, { reason: 'sweeper' });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('run sweep failed', { error });
    return new Response(null, { status: 500 });
  }
}
