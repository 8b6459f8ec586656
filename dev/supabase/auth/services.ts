import type pg from 'pg';
import type { Outbox } from '../../outbox';
import type { SupabaseApiConfig } from '../context';
import type { IpRateLimiter } from './ip-rate-limits';
import type { FailedLoginLimiter } from './login-limiter';
import type { AuthSettings } from './project-settings';

/** What every Auth route handler may use; built once per API instance in index.ts. */
export interface AuthServices {
  /** The API's config with `autoconfirm` settled (explicit, or from the project's settings). */
  config: SupabaseApiConfig & { autoconfirm: boolean };
  /** The project's [auth] settings from supabase/config.toml. */
  settings: AuthSettings;
  pool: pg.Pool;
  /** `iss` of access tokens and base of email links: `<apiUrl>/auth/v1`. */
  externalUrl: string;
  outbox: Outbox;
  loginLimiter: FailedLoginLimiter;
  /** Null when the config turns per-IP limits off. */
  ipLimiter: IpRateLimiter | null;
}
