/**
 * The body of `run-worker-background`: run the steps of the run it was dispatched for (or, from
 * the sweeper, any ready step) until there is no work or the time is nearly up, then hand over to
 * a fresh invocation. Netlify may run the same invocation up to three times; each is a worker of
 * its own claiming with `skip locked`, so a repeat only means more workers.
 */
import { serverEnv } from '../env';
import { createLogger } from '../observability/logger';
import { dispatchedRun, dispatchWorker, isDispatchAuthorized } from './dispatch';
import { createEngine, runWorker, workerDefaults } from './engine';
import { runKinds } from './kinds';
import { workerDb } from './worker-db';

export async function handleWorkerInvocation(req: Request): Promise<Response> {
  const env = serverEnv();
  if (!isDispatchAuthorized(req, env)) return new Response(null, { status: 404 });
  const runId = await dispatchedRun(req);
  const engine = createEngine({
    db: workerDb(env.DATABASE_URL),
    log: createLogger({ job: 'run-worker', runId }),
    kinds: runKinds,
    ...(runId ? { runIds: [runId] } : {}),
  });
  const log = engine.log.child({ workerId: engine.workerId });
  const { outOfTime } = await runWorker({ ...engine, log }, workerDefaults());
  if (outOfTime) await dispatchWorker(env, log, { runId, reason: 'worker out of time' });
  return new Response(null, { status: 202 });
}
