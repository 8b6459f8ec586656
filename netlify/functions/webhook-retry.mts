import type { Config } from '@netlify/functions';
import { retryDeadLetters } from '../lib/billing/webhook/retry-dead-letters';
import { getDb } from '../lib/db';
import { createLogger } from '../lib/observability/logger';
import { getStripe } from '../lib/stripe';

// Scheduled, not routed: every five minutes, dead-lettered Stripe events due for a retry are replayed.
export default async function webhookRetry(): Promise<Response> {
  const log = createLogger({ job: 'webhook-retry' });
  try {
    const report = await retryDeadLetters(getDb(), getStripe(), log);
    log.info('dead letters retried', { healed: report.healed, failed: report.failed });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('dead-letter retry failed', { error });
    return new Response(null, { status: 500 });
  }
}

export const config: Config = { schedule: '*/5 * * * *' };
