/** What every handler gets: the parsed request and the server's shared state. */
import type { IncomingHttpHeaders } from 'node:http';
import type pg from 'pg';
import { RestError } from '../errors';
import type { BodyFormat } from '../sql-builder/read';
import type { Preferences } from '../prefer';
import type { RequestIdentity } from '../request-auth';
import type { RestResponse } from '../response';
import { qualifiedKey, type Relation, type SchemaCache } from '../schema-cache';
import { closeEnough } from '../routines';
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

export function transactionSettings(request: RestRequest, cache: SchemaCache, readOnly: boolean): TransactionSettings {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie' || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const searchPath = [request.schema, ...EXTRA_SEARCH_PATH.filter((schema) => schema !== request.schema)].map(ident).join(', ');
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
  return { readOnly, settings };
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
  let hint: string | null = null;
  for (const candidate of cache.relations.values()) {
    if (candidate.schema === schema && closeEnough(candidate.name, name)) {
      hint = `Perhaps you meant the table '${schema}.${candidate.name}'`;
      break;
    }
  }
  throw new RestError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`, null, hint);
}

export function baseHeaders(request: RestRequest, contentType: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (request.profileChosen) headers['content-profile'] = request.schema;
  if (request.preferences.applied.length) headers['preference-applied'] = request.preferences.applied.join(', ');
  return headers;
}

export type Handler = (deps: RestDeps, request: RestRequest) => Promise<RestResponse>;
