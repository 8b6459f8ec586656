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
  /** Autoconfirm sign-ups (the CLI default); false = confirm-email mode through the outbox. */
  autoconfirm: boolean;
  /** Directory the dev outbox writes emails to; also printed through `log`. */
  outboxDir: string;
  /** Directory the local Storage server keeps object bytes in (.local/storage in dev). */
  storageDir: string;
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
