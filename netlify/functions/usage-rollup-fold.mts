import type { Config } from '@netlify/functions';
import { getDb } from '../lib/db';
import { createLogger } from '../lib/observability/logger';

// Scheduled, not routed: folds the queued usage rows into the admin rollups (they are also folded
// whenever the admin usage report is read), so the queue stays short. A service action.
export default async function usageRollupFold(): Promise<Response> {
  const log = createLogger({ job: 'usage-rollup-fold' });
  try {
    const { rows } = await getDb().query<{ folded: number }>('select private.fold_usage_queue() as folded');
    log.info('usage rollups folded', { folded: rows[0]?.folded ?? 0 });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('usage rollup fold failed', { error });
    return new Response(null, { status: 500 });
  }
}

export const config: Config = { schedule: '*/5 * * * *' };
