import type { Config } from '@netlify/functions';
import { checkHealth } from '../lib/health/check-health';
import { defineHandler } from '../lib/http/define-handler';
import { selectLimiter } from '../lib/rate-limit/select-limiter';

// No rate limit: a health probe must report the limiter's state, not be refused by it.
export default defineHandler({ method: 'GET', auth: 'none' }, ({ db, env, log, context }) =>
  checkHealth({
    db,
    limiter: selectLimiter(db, log),
    version: env.APP_VERSION ?? context?.deploy?.id ?? 'dev',
    log,
  }),
);

export const config: Config = { path: '/api/health' };
