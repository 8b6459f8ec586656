/**
 * The body of the scheduled `run-sweeper` (every minute): recovers step attempts whose worker
 * died (expired lease: charged once from what they streamed, then retried), releases the holds
 * of ended runs, fires due workflow schedules, and dispatches a worker when steps are ready.
 */
import { getDb } from '../db';
import { serverEnv } from '../env';
import { createLogger } from '../observability/logger';
import { fireSchedules } from '../workflows/schedules';
import { dispatchWorker } from './dispatch';
import { sweep } from './store';

export async function sweepRuns(): Promise<Response> {
  const log = createLogger({ job: 'run-sweeper' });
  try {
    const env = serverEnv();
    const db = getDb(env.DATABASE_URL);
    const result = await sweep(db, new Date());
    // Workflow schedules due this minute become runs (their steps are ready at once).
    const schedules = await fireSchedules(db, new Date(), log);
    log.info('run sweep', { ...result, ...schedules });
    if (result.ready > 0 || schedules.started > 0) await dispatchWorker(env, log, { reason: 'sweeper' });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('run sweep failed', { error });
    return new Response(null, { status: 500 });
  }
}
