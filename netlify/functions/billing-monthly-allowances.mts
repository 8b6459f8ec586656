import type { Config } from '@netlify/functions';
import { grantFreeAllowances } from '../lib/billing/free-allowances';
import { grantYearlyAllowances } from '../lib/billing/yearly-allowances';
import { getDb } from '../lib/db';
import { createLogger } from '../lib/observability/logger';

// Scheduled, not routed: the monthly allowances no payment event brings — yearly subscribers'
// months after the first, and the free plan's month.
export default async function monthlyAllowances(): Promise<Response> {
  const log = createLogger({ job: 'billing-monthly-allowances' });
  try {
    const yearly = await grantYearlyAllowances(getDb(), log);
    const free = await grantFreeAllowances(getDb());
    log.info('monthly allowances granted', { yearly, free });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('monthly allowances failed', { error });
    return new Response(null, { status: 500 });
  }
}

export const config: Config = { schedule: '@hourly' };
