/**
 * Bytes in and out: reading an upload (binary body or multipart form, as storage-js sends a Blob
 * or a Buffer/stream), the RLS check before any byte is stored, the metadata write after, and
 * serving an object with the headers Storage's asset renderer sets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { UserScope } from './db';
import { ERRORS } from './errors';
import { readBuffer, type StorageDeps } from './http';
import { GLOBAL_FILE_SIZE_LIMIT, checkMimeType, isEmptyFolderPlaceholder } from './limits';
import type { PendingWrite, StoredFile } from './disk';
import {
  recordObject,
  recordObjectStatement,
  recordedObject,
  writeObject,
  type BucketRow,
  type ObjectMetadata,
  type ObjectRow,
  type ObjectWrite,
} from './queries';

export interface IncomingFile {
  body: Readable | Buffer;
  mimeType: string;
  cacheControl: string;
  userMetadata?: Record<string, unknown>;
  declaredLength?: number;
}

/** Multipart overhead allowed on top of the file itself (boundaries and the small fields). */
const MULTIPART_OVERHEAD = 1024 * 1024;

export function maxUploadBytes(bucket: BucketRow, objectName: string): number {
  if (isEmptyFolderPlaceholder(objectName)) return 0;
  return bucket.file_size_limit === null
    ? GLOBAL_FILE_SIZE_LIMIT
    : Math.min(bucket.file_size_limit, GLOBAL_FILE_SIZE_LIMIT);
}

/** Storage's fileUploadFromRequest: the MIME check and (when known) the size check come first. */
export async function fileFromRequest(
  req: IncomingMessage,
  bucket: BucketRow,
  objectName: string,
): Promise<IncomingFile> {
  const maxBytes = maxUploadBytes(bucket, objectName);
  const checkMime = (mimeType: string) => {
    if (!isEmptyFolderPlaceholder(objectName)) checkMimeType(mimeType, bucket.allowed_mime_types);
  };
  const contentType = req.headers['content-type'];
  if (contentType && isMultipart(req)) {
    const raw = await readBuffer(req, maxBytes + MULTIPART_OVERHEAD);
    let form: FormData;
    try {
      form = await new Response(new Blob([new Uint8Array(raw)]), {
        headers: { 'content-type': contentType },
      }).formData();
    } catch {
      throw ERRORS.noContentProvided();
    }
    const file = [...form.values()].find((value): value is File => typeof value !== 'string');
    if (!file) throw ERRORS.noContentProvided();
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const mimeType = field('contentType') ?? (file.type || 'application/octet-stream');
    checkMime(mimeType);
    if (file.size > maxBytes) throw ERRORS.entityTooLarge();
    const cacheTime = field('cacheControl');
    const metadata = field('metadata') ?? field('userMetadata');
    return {
      body: Buffer.from(await file.arrayBuffer()),
      mimeType,
      cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
      userMetadata: metadata === undefined ? undefined : parseJsonObject(metadata),
    };
  }
  const mimeType = contentType || 'application/octet-stream';
  checkMime(mimeType);
  const declared = Number(req.headers['content-length']);
  const declaredLength = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    req.resume();
    throw ERRORS.entityTooLarge();
  }
  const encoded = req.headers['x-metadata'];
  return {
    body: req,
    mimeType,
    cacheControl: (req.headers['cache-control'] as string | undefined) ?? 'no-cache',
    userMetadata:
      typeof encoded === 'string'
        ? parseJsonObject(Buffer.from(encoded, 'base64').toString('utf8'))
        : undefined,
    declaredLength,
  };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface StoreRequest {
  bucket: BucketRow;
  name: string;
  upsert: boolean;
  owner?: string;
  file: IncomingFile;
  /** The caller whose policies must allow the write; none for a signed upload (the token is the permission). */
  scope?: UserScope;
  /** The body's bytes, already streaming to disk under the global limit (see beginUpload). */
  written?: PendingWrite;
}

/** A multipart form is read whole (its file is one field among others); a binary body streams. */
export function isMultipart(req: IncomingMessage): boolean {
  return req.headers['content-type']?.startsWith('multipart/form-data') === true;
}

/**
 * Storage's Uploader, with the caller's permission decided by the write itself: the bytes are
 * stored first, then the object is recorded **as the caller** — BEGIN, the caller's settings, the
 * INSERT and COMMIT in one round trip — so RLS on storage.objects decides the real row (name,
 * owner, metadata), and a refused write answers the policy's error and its bytes are removed
 * before anything refers to them. Hosted Storage tests the write as the caller (rolled back) and
 * then records it as its admin: the same policies decide, and the same error comes first — when
 * the bytes fail (too large, cut off), the rolled-back test still runs to answer a refused caller's
 * 403 before the 413 — but a stored upload costs one round trip instead of three (ADR 0093).
 * A signed upload has no caller scope (the token is the permission): the admin records it.
 */
export async function storeObject(deps: StorageDeps, request: StoreRequest): Promise<ObjectRow> {
  const { bucket, name, upsert, owner, file, scope } = request;
  let stored: StoredFile;
  try {
    const maxBytes = maxUploadBytes(bucket, name);
    stored = await (request.written ?? deps.disk.start(file.body, maxBytes)).finish(maxBytes);
  } catch (error) {
    if (scope) {
      await deps.db.testAsUser(scope, (db) =>
        writeObject(
          db,
          {
            bucketId: bucket.id,
            name,
            owner,
            version: '1',
            metadata: { mimetype: file.mimeType, contentLength: file.declaredLength },
            userMetadata: file.userMetadata,
          },
          upsert,
        ),
      );
    }
    throw error;
  }
  try {
    const metadata: ObjectMetadata = {
      eTag: stored.eTag,
      size: stored.size,
      mimetype: file.mimeType,
      cacheControl: file.cacheControl,
      lastModified: new Date().toISOString(),
      contentLength: stored.size,
      httpStatusCode: 200,
    };
    const write: ObjectWrite = {
      bucketId: bucket.id,
      name,
      owner,
      version: stored.version,
      metadata,
      userMetadata: file.userMetadata ?? null,
    };
    const recorded = scope
      ? recordedObject(
          await deps.db.writeAsUser<ObjectRow & { previous_version: string | null }>(
            scope,
            recordObjectStatement(write, upsert, 'fail'),
          ),
        )
      : await recordObject(deps.db.admin, write, upsert);
    if (!recorded) throw ERRORS.resourceAlreadyExists();
    await deps.disk.remove([recorded.previousVersion]);
    return recorded.row;
  } catch (error) {
    await deps.disk.remove([stored.version]);
    throw error;
  }
}

/** Storage's renderer for a missing byte file: 400 with a 404 body. */
function notFoundBody(res: ServerResponse): void {
  const text = JSON.stringify({
    error: 'Not found',
    message: 'The resource was not found',
    statusCode: '404',
    code: 'NoSuchKey',
  });
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function objectHeaders(object: ObjectRow): Record<string, string> {
  const metadata = object.metadata;
  const mimetype = metadata?.mimetype ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    // Storage never serves HTML as HTML from a bucket; nosniff keeps browsers from guessing.
    'content-type': mimetype.includes('text/html') ? 'text/plain' : mimetype,
    'x-content-type-options': 'nosniff',
    'x-robots-tag': 'none',
    'accept-ranges': 'bytes',
  };
  if (metadata?.eTag) headers.etag = metadata.eTag;
  if (metadata?.cacheControl) headers['cache-control'] = metadata.cacheControl;
  const modified = new Date(metadata?.lastModified ?? object.updated_at);
  if (!Number.isNaN(modified.getTime())) headers['last-modified'] = modified.toUTCString();
  return headers;
}

function contentDisposition(download: string | null): string | undefined {
  if (download === null) return undefined;
  if (download === '') return 'attachment;';
  const encoded = encodeURIComponent(download);
  return `attachment; filename=${encoded}; filename*=UTF-8''${encoded}`;
}

/** Serves the bytes (or, for HEAD, only the headers) with Range and If-None-Match support. */
export async function serveObject(
  deps: StorageDeps,
  req: IncomingMessage,
  res: ServerResponse,
  object: ObjectRow,
  options: { download: string | null; head: boolean },
): Promise<void> {
  if (!object.version || !(await deps.disk.exists(object.version))) {
    notFoundBody(res);
    return;
  }
  const headers = objectHeaders(object);
  const disposition = contentDisposition(options.download);
  if (disposition) headers['content-disposition'] = disposition;
  const size = object.metadata?.size ?? 0;
  if (req.headers['if-none-match'] && req.headers['if-none-match'] === headers.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
    res.end();
    return;
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['content-length'] = String(range.end - range.start + 1);
  } else {
    headers['content-length'] = String(size);
  }
  res.writeHead(range ? 206 : 200, headers);
  if (options.head) {
    res.end();
    return;
  }
  const stream = deps.disk.read(object.version, range ?? undefined);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}
