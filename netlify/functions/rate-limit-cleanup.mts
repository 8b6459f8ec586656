import type { Config } from '@netlify/functions';
import { purgeExpiredRateLimits } from '../lib/rate-limit/purge-expired';

// Scheduled, not routed: Netlify invokes it hourly and it answers no HTTP caller.
export default purgeExpiredRateLimits;

export const config: Config = { schedule: '@hourly' };
