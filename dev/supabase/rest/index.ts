/**
 * The local PostgREST (v14) stand-in behind /rest/v1: authenticates like the gateway + PostgREST,
 * parses the PostgREST query grammar, and runs each request in its own transaction as
 * `authenticator` with the request role set, so Postgres enforces RLS itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { databaseUrlAs, type MountedApi, type SupabaseApiConfig } from '../context';
import { RestError, fromDatabaseError } from './errors';
import { handleRead } from './handlers/read';
import type { RestDeps, RestRequest } from './handlers/request';
import { handleRpc } from './handlers/rpc';
import { handleWrite } from './handlers/write';
import { negotiateMedia } from './media';
import { parsePreferences } from './prefer';
import { RequestAuthenticator, headerValue, type RequestIdentity } from './request-auth';
import { errorResponse, sendResponse, type RestResponse } from './response';
import { watchSchemaCache } from './schema-listener';

/** Largest accepted request body; PostgREST itself has none, gateways do. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function createRestApi(config: SupabaseApiConfig): Promise<MountedApi> {
  const connectionString = databaseUrlAs(config.databaseUrl, 'authenticator');
  const pool = new pg.Pool({ connectionString, max: 10, application_name: 'postgrest' });
  pool.on('error', (error) => config.log(`[rest] idle connection error: ${error.message}`));
  const schemaCache = await watchSchemaCache(pool, connectionString, config.exposedSchemas, config.log);
  const authenticator = new RequestAuthenticator(config);

  async function respond(req: IncomingMessage, path: string, query: URLSearchParams): Promise<RestResponse> {
    let identity: RequestIdentity | undefined;
    try {
      const method = req.method ?? 'GET';
      if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        throw RestError.unsupportedMethod(method);
      identity = await authenticator.identify(req.headers, query);
      const { schema, profileChosen } = selectSchema(req, method, config.exposedSchemas);
      const request: RestRequest = {
        method,
        path,
        schema,
        profileChosen,
        query,
        headers: req.headers,
        identity,
        preferences: parsePreferences(headerValue(req.headers.prefer)),
        format: negotiateMedia(headerValue(req.headers.accept)),
      };
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        const body = await readBody(req);
        if (body !== '') request.body = body;
      }
      const deps: RestDeps = { pool, cache: schemaCache.current() };
      const segments = pathSegments(path);
      if (segments.length === 1 && segments[0] !== '') {
        const [name] = segments as [string];
        return method === 'GET' || method === 'HEAD'
          ? await handleRead(deps, request, name)
          : await handleWrite(deps, request, name);
      }
      if (segments.length === 2 && segments[0] === 'rpc' && segments[1] !== '') {
        return await handleRpc(deps, request, segments[1] as string);
      }
      throw new RestError(404, 'PGRST125', 'Invalid path specified in request URL');
    } catch (error) {
      if (error instanceof RestError) return errorResponse(error);
      if (error instanceof pg.DatabaseError)
        return errorResponse(fromDatabaseError(error, (identity?.role ?? 'anon') !== 'anon'));
      if (isConnectionError(error)) {
        config.log(`[rest] database unavailable: ${String(error)}`);
        return errorResponse(
          new RestError(
            503,
            'PGRST000',
            'Could not connect with the database due to an incorrect db-uri or due to the PostgreSQL service not running.',
            String(error),
          ),
        );
      }
      throw error;
    }
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
      const response = await respond(req, path, query);
      if (response.status >= 500)
        config.log(`[rest] ${req.method} ${path} → ${response.status} ${response.body}`);
      sendResponse(res, response, req.method === 'HEAD');
    },
    async close() {
      await schemaCache.close();
      await pool.end();
    },
  };
}

/** Accept-Profile (GET/HEAD) or Content-Profile (others) picks one of the exposed schemas. */
function selectSchema(
  req: IncomingMessage,
  method: string,
  exposed: string[],
): { schema: string; profileChosen: boolean } {
  const header =
    method === 'GET' || method === 'HEAD' ? req.headers['accept-profile'] : req.headers['content-profile'];
  const profile = headerValue(header);
  if (profile === undefined) return { schema: exposed[0] as string, profileChosen: false };
  if (!exposed.includes(profile)) {
    throw new RestError(
      406,
      'PGRST106',
      `Invalid schema: ${profile}`,
      null,
      `Only the following schemas are exposed: ${exposed.join(', ')}`,
    );
  }
  return { schema: profile, profileChosen: true };
}

/** `/todos` → ['todos'], `/rpc/fn` → ['rpc', 'fn'], percent-decoded; malformed escapes → PGRST125. */
function pathSegments(path: string): string[] {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    throw new RestError(404, 'PGRST125', 'Invalid path specified in request URL');
  }
}

/** Socket-level failures (refused, reset, terminated): PostgREST answers 503. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return (typeof code === 'string' && /^E[A-Z]+$/.test(code)) || /Connection terminated/i.test(error.message);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      throw new RestError(
        413,
        'PGRST102',
        'Request body too large',
        `The request body exceeds ${MAX_BODY_BYTES} bytes`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
