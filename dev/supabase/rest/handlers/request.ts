/** What every handler gets: the parsed request and the server's shared state. */
import type { IncomingHttpHeaders } from 'node:http';
import type pg from 'pg';
import { RestError } from '../errors';
import type { BodyFormat } from '../sql-builder/read';
import { applied, type Preferences } from '../prefer';
import type { RequestIdentity } from '../request-auth';
import type { RestResponse } from '../response';
import { qualifiedKey, type Relation, type SchemaCache } from '../schema-cache';
import { similarName } from '../routines';
import { ident } from '../sql-builder/sql';
import type { TransactionSettings } from '../transaction';

export const MAX_ROWS = 1000;
/** db-extra-search-path of the Supabase CLI. */
const EXTRA_SEARCH_PATH = ['public', 'extensions'];

export interface RestRequest {
  method: string;
  /** Raw path without the /rest/v1 prefix (request.path). */
  path: string;
  schema: string;
  /** Echo `Content-Profile` when the client chose the schema. */
  profileChosen: boolean;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  identity: RequestIdentity;
  preferences: Preferences;
  format: BodyFormat;
  /** Raw request body (POST/PATCH), undefined when empty. */
  body?: string;
}

export interface RestDeps {
  pool: pg.Pool;
  cache: SchemaCache;
}

export function isAuthenticated(request: RestRequest): boolean {
  return request.identity.role !== 'anon';
}

export function transactionSettings(
  request: RestRequest,
  cache: SchemaCache,
  readOnly: boolean,
): TransactionSettings {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Not de-duplicated: PostgREST sets exactly `"<schema>", <db-extra-search-path>`.
  const searchPath = [request.schema, ...EXTRA_SEARCH_PATH].map(ident).join(', ');
  const settings: Array<[string, string]> = [
    ['search_path', searchPath],
    ...(cache.roleSettings.get(request.identity.role) ?? []),
    ['role', request.identity.role],
    ['request.jwt.claims', JSON.stringify(request.identity.claims)],
    ['request.method', request.method],
    ['request.path', request.path],
    ['request.headers', JSON.stringify(headers)],
    ['request.cookies', JSON.stringify(parseCookies(request.headers.cookie))],
  ];
  if (request.preferences.timezone) settings.push(['timezone', request.preferences.timezone]);
  return { readOnly, settings, rollback: shouldRollback(request, cache) };
}

/** optionalRollback (MainTx.hs): `Prefer: tx=` counts only when db-tx-end allows an override. */
function shouldRollback(request: RestRequest, cache: SchemaCache): boolean {
  const { txAllowOverride, txRollbackAll } = cache.config;
  const tx = txAllowOverride ? request.preferences.tx : undefined;
  applied(request.preferences, 'tx', tx);
  return tx === 'rollback' || (txRollbackAll && tx !== 'commit');
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

export function findRelation(cache: SchemaCache, schema: string, name: string): Relation {
  const relation = cache.relations.get(qualifiedKey(schema, name));
  if (relation) return relation;
  const names = [...cache.relations.values()]
    .filter((candidate) => candidate.schema === schema)
    .map((r) => r.name);
  const similar = similarName(names, name);
  const hint = similar === undefined ? null : `Perhaps you meant the table '${schema}.${similar}'`;
  throw new RestError(
    404,
    'PGRST205',
    `Could not find the table '${schema}.${name}' in the schema cache`,
    null,
    hint,
  );
}

export function baseHeaders(request: RestRequest, contentType: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (request.profileChosen) headers['content-profile'] = request.schema;
  if (request.preferences.applied.length)
    headers['preference-applied'] = appliedHeader(request.preferences.applied);
  return headers;
}

export type Handler = (deps: RestDeps, request: RestRequest) => Promise<RestResponse>;

/** prefAppliedHeader (Preferences.hs): a fixed order, each preference once. */
const APPLIED_ORDER = [
  'resolution',
  'missing',
  'return',
  'count',
  'tx',
  'handling',
  'timezone',
  'max-affected',
];
function appliedHeader(applied: string[]): string {
  const rank = (item: string) => APPLIED_ORDER.indexOf(item.slice(0, item.indexOf('=')));
  return [...new Set(applied)].sort((a, b) => rank(a) - rank(b)).join(', ');
}
