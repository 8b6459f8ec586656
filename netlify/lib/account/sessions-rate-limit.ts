import type { CustomRateLimit } from '../rate-limit/policies';

/** Listing and ending sessions: a settings page's worth of clicks, not a scraper's. */
export const accountSessionsRateLimit: CustomRateLimit = {
  name: 'account-sessions',
  limit: 30,
  windowSeconds: 60,
  by: 'user',
};
