import type { Config } from '@netlify/functions';
import { grantYearlyAllowances } from '../lib/billing/yearly-allowances';
import { getDb } from '../lib/db';
import { createLogger } from '../lib/observability/logger';

// Scheduled, not routed: grants yearly subscribers the allowance of the month they are in.
export default async function yearlyAllowances(): Promise<Response> {
  const log = createLogger({ job: 'billing-yearly-allowances' });
  try {
    const result = await grantYearlyAllowances(getDb(), log);
    log.info('yearly allowances granted', result);
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('yearly allowances failed', { error });
    return new Response(null, { status: 500 });
  }
}

export const config: Config = { schedule: '@hourly' };
