import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JwtConfig } from './jwt';

/** What the local Supabase API needs to know; mirrors a Supabase project's settings. */
export interface SupabaseApiConfig {
  /** Public base URL, e.g. http://127.0.0.1:54321 (used for issuer and links). */
  apiUrl: string;
  /** Superuser connection string of the database; each server connects as its own role. */
  databaseUrl: string;
  jwt: JwtConfig;
  /** Schemas PostgREST exposes (db-schemas); the first is the default. CLI: public, graphql_public. */
  exposedSchemas: string[];
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  /** Where auth emails' links send the browser back to (GoTrue SITE_URL). */
  siteUrl: string;
  /** Redirect URLs allowed besides siteUrl (GoTrue URI_ALLOW_LIST). */
  redirectAllowList: string[];
  /**
   * Autoconfirm sign-ups; false = confirm-email mode through the outbox. Unset: as config.toml's
   * `[auth.email] enable_confirmations` says (on for this project).
   */
  autoconfirm?: boolean;
  /**
   * `enforce` (default): GoTrue's per-IP limits of `[auth.rate_limit]`. `off`: for the test
   * platform, whose suites sign up hundreds of users from 127.0.0.1 (the limits have their own test).
   */
  ipRateLimits?: 'enforce' | 'off';
  /**
   * GoTrue's `GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_CURRENT_PASSWORD` (default off): a new
   * password via `PUT /user` needs `current_password` too, except in a recovery session. The CLI's
   * config.toml has no key for it (hosted: a dashboard setting, docs/deployment.md), so the
   * platform turns it on for this project (ADR 0070).
   */
  requireCurrentPassword?: boolean;
  /** Directory the dev outbox writes emails to; also printed through `log`. */
  outboxDir: string;
  /** Directory the local Storage server keeps object bytes in (.local/storage in dev). */
  storageDir: string;
  /** The config.toml whose [auth] settings apply (default: this project's supabase/config.toml). */
  authConfigFile?: string;
  /**
   * `strict` (default, like the hosted gateway): /rest/v1 refuses a missing or unknown `apikey`.
   * `cli`: like the Supabase CLI's local Kong, which validates nothing — a request without key or
   * token runs as anon (Supabase's own client suites rely on it).
   */
  apiKeyCheck?: 'strict' | 'cli';
  log: (line: string) => void;
}

/** One sub-API mounted under a prefix (/rest/v1, /auth/v1). `path` has the prefix stripped. */
export interface MountedApi {
  handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void>;
  close(): Promise<void>;
}

/** Connection string for the same database as another role (local passwords are "postgres"). */
export function databaseUrlAs(databaseUrl: string, role: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = 'postgres';
  return url.toString();
}
