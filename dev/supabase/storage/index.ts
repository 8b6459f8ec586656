/**
 * The local Supabase Storage stand-in behind /storage/v1: the routes storage-js uses (buckets,
 * objects, signed URLs; no resumable/S3/image transforms), metadata in the `storage` schema of
 * the local database with RLS deciding access, bytes on disk under the configured directory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import type { MountedApi, SupabaseApiConfig } from '../context';
import { handleBuckets } from './buckets';
import { createStorageDb } from './db';
import { createDisk } from './disk';
import { ERRORS, StorageError, fromDatabaseError } from './errors';
import type { StorageDeps, StorageRequest } from './http';
import { handleObjects } from './objects';
import { createStorageAuthenticator, requireJwt } from './request-auth';

/** How much of a refused request body is read and discarded to answer on a healthy connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

function drained(req: IncomingMessage): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_LIMIT_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve(false);
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve(true));
    req.once('error', () => resolve(false));
    req.once('close', () => resolve(req.readableEnded));
    req.resume();
  });
}

export function createStorageApi(config: SupabaseApiConfig): MountedApi {
  const deps: StorageDeps = {
    config,
    db: createStorageDb(config),
    disk: createDisk(config.storageDir),
    auth: createStorageAuthenticator(config),
  };

  async function route(request: StorageRequest): Promise<void> {
    const [root, ...rest] = request.path.split('/').slice(1);
    const identify = () => deps.auth.identify(request.req.headers, request.query);
    if (root === 'bucket') {
      // Every bucket route needs a JWT (anon's at least); then RLS on storage.buckets decides.
      const identity = await identify();
      requireJwt(identity);
      const segments = rest.at(-1) === '' ? rest.slice(0, -1) : rest;
      return handleBuckets(deps, request, identity, segments);
    }
    if (root === 'object') return handleObjects(deps, request, identify, rest);
    if (root === 'status' && request.method === 'GET') {
      request.res.writeHead(200, { 'content-type': 'text/plain' });
      request.res.end('');
      return;
    }
    throw ERRORS.routeNotFound(request.method, request.path);
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
      const request: StorageRequest = { req, res, method: req.method ?? 'GET', path, query };
      try {
        await route(request);
      } catch (caught) {
        const error =
          caught instanceof StorageError
            ? caught
            : caught instanceof pg.DatabaseError
              ? fromDatabaseError(caught)
              : undefined;
        if (!error) {
          config.log(`[storage] ${request.method} ${path}: ${String(caught)}`);
          throw caught;
        }
        if (error.httpStatus >= 500) config.log(`[storage] ${request.method} ${path} → ${error.message}`);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Read the rest of a refused upload before answering: a client still sending its body
        // would otherwise see the connection reset instead of the error. Past a cap, give up on
        // the connection instead.
        if (!(await drained(req))) res.setHeader('connection', 'close');
        res.writeHead(error.httpStatus, { 'content-type': 'application/json; charset=utf-8' });
        res.end(error.body());
      }
    },
    async close() {
      await deps.db.close();
    },
  };
}
