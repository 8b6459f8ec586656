import type pg from 'pg';
import type { Outbox } from '../../outbox';
import type { SupabaseApiConfig } from '../context';
import type { FailedLoginLimiter } from './login-limiter';
import type { AuthSettings } from './project-settings';

/** What every Auth route handler may use; built once per API instance in index.ts. */
export interface AuthServices {
  config: SupabaseApiConfig;
  /** The project's [auth] settings from supabase/config.toml. */
  settings: AuthSettings;
  pool: pg.Pool;
  /** `iss` of access tokens and base of email links: `<apiUrl>/auth/v1`. */
  externalUrl: string;
  outbox: Outbox;
  loginLimiter: FailedLoginLimiter;
}
