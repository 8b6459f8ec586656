/**
 * /object routes (supabase/storage `src/http/routes/object/*`). Reads and writes of a caller run
 * as that caller so RLS on storage.objects decides; public buckets and signed URLs are read as the
 * storage admin, as Storage does.
 */
import { ERRORS } from './errors';
import { readJson, requireString, scopeOf, sendJson, type StorageDeps, type StorageRequest } from './http';
import { GLOBAL_FILE_SIZE_LIMIT, mustBeValidBucketName, mustBeValidKey } from './limits';
import {
  FIND_OBJECT_SQL,
  deleteObjects,
  findBucket,
  findObject,
  recordObject,
  mustFindBucket,
  mustFindObject,
  updateObject,
  writeObject,
  type BucketRow,
  type ObjectRow,
} from './queries';
import { requireJwt, type StorageIdentity } from './request-auth';
import { signDownload, signUpload, verifySignedToken } from './signed-urls';
import { fileFromRequest, isMultipart, serveObject, storeObject, type IncomingFile } from './transfer';

/** `['avatars', 'u1', 'a%20b.png']` → bucket `avatars`, key `u1/a b.png` (percent-decoded, `%2F` too). */
function bucketAndKey(segments: string[]): { bucketId: string; key: string } {
  const [bucketSegment, ...keySegments] = segments;
  let bucketId: string;
  let key: string;
  try {
    bucketId = decodeURIComponent(bucketSegment ?? '');
    key = decodeURIComponent(keySegments.join('/'));
  } catch {
    throw ERRORS.invalidKey(keySegments.join('/'));
  }
  mustBeValidBucketName(bucketId);
  return { bucketId, key };
}

function presentInfo(object: ObjectRow) {
  return {
    id: object.id,
    name: object.name,
    version: object.version,
    bucket_id: object.bucket_id,
    size: object.metadata?.size ?? null,
    content_type: object.metadata?.mimetype ?? null,
    cache_control: object.metadata?.cacheControl ?? null,
    etag: object.metadata?.eTag ?? null,
    metadata: object.user_metadata,
    last_modified: object.updated_at,
    created_at: object.created_at,
  };
}

export async function handleObjects(
  deps: StorageDeps,
  request: StorageRequest,
  identify: () => Promise<StorageIdentity>,
  segments: string[],
): Promise<void> {
  const { method, req, res, query } = request;
  const [first, second] = segments;
  const notFound = () => ERRORS.routeNotFound(method, request.path);

  /** Storage's allowInvalidJwt routes: a missing or bad token reads as anonymous. */
  const identifyLeniently = () =>
    identify().catch(
      () => ({ authenticated: false, role: 'anon', claims: { role: 'anon' }, jwt: '' }) as StorageIdentity,
    );
  const identifyStrictly = async () => {
    const identity = await identify();
    requireJwt(identity);
    return identity;
  };

  /** GET/HEAD of one object: public flow, or the caller's RLS for a private bucket. */
  const readObject = async (
    rest: string[],
    mode: 'public' | 'authenticated' | 'either',
    render: 'asset' | 'head' | 'info',
  ) => {
    const { bucketId, key } = bucketAndKey(rest);
    mustBeValidKey(key);
    const identity =
      mode === 'public'
        ? undefined
        : mode === 'authenticated'
          ? await identifyStrictly()
          : await identifyLeniently();
    // A private bucket's object is read as the caller (RLS); the bucket itself as the admin.
    // Both are asked at once: a read through RLS then costs one round trip of latency.
    const asCaller =
      mode !== 'public' && identity?.authenticated
        ? deps.db.readAsUser<ObjectRow>(scopeOf(request, identity), FIND_OBJECT_SQL, [bucketId, key])
        : undefined;
    asCaller?.catch(() => {});
    const bucket = await findBucket(deps.db.admin, bucketId);
    if (!bucket || (!bucket.public && (mode === 'public' || !identity?.authenticated)))
      throw ERRORS.noSuchBucket();
    let object: ObjectRow | undefined;
    if (bucket.public || !asCaller) object = await findObject(deps.db.admin, bucketId, key);
    else object = (await asCaller)[0];
    if (!object) throw ERRORS.noSuchKey();
    if (render === 'info') {
      sendJson(res, 200, presentInfo(object), object.metadata?.eTag ? { etag: object.metadata.eTag } : {});
      return;
    }
    await serveObject(deps, req, res, object, { download: query.get('download'), head: render === 'head' });
  };

  if (method === 'GET' || method === 'HEAD') {
    const head = method === 'HEAD';
    if (first === 'info' && !head) {
      if (second === 'public') return readObject(segments.slice(2), 'public', 'info');
      if (second === 'authenticated') return readObject(segments.slice(2), 'authenticated', 'info');
      return readObject(segments.slice(1), 'either', 'info');
    }
    if (first === 'public') return readObject(segments.slice(1), 'public', head ? 'head' : 'asset');
    if (first === 'authenticated')
      return readObject(segments.slice(1), 'authenticated', head ? 'head' : 'asset');
    if (first === 'sign' && !head) {
      const { bucketId, key } = bucketAndKey(segments.slice(1));
      await verifySignedToken(deps.config, query.get('token'), `${bucketId}/${key}`, 'download');
      const object = await mustFindObject(deps.db.admin, bucketId, key);
      await serveObject(deps, req, res, object, { download: query.get('download'), head: false });
      return;
    }
    if (segments.length >= 2) return readObject(segments, 'either', head ? 'head' : 'asset');
    throw notFound();
  }

  if (method === 'POST') {
    if (first === 'list' && segments.length === 2) {
      const identity = await identifyStrictly();
      const { bucketId } = bucketAndKey(segments.slice(1));
      const body = await readJson(req);
      let prefix = typeof body.prefix === 'string' ? body.prefix : undefined;
      if (prefix === undefined) throw ERRORS.invalidRequest("body must have required property 'prefix'");
      if (prefix.length > 0 && !prefix.endsWith('/')) prefix = `${prefix}/`;
      const sortBy = (body.sortBy ?? {}) as { column?: string; order?: string };
      const search = typeof body.search === 'string' ? body.search : '';
      const limit = body.limit === undefined ? 100 : Number(body.limit);
      const offset = body.offset === undefined ? 0 : Number(body.offset);
      if (!Number.isInteger(limit) || limit < 1) throw ERRORS.invalidRequest('body/limit must be >= 1');
      if (!Number.isInteger(offset) || offset < 0) throw ERRORS.invalidRequest('body/offset must be >= 0');
      const { rows } = await deps.db.asUser(
        scopeOf(request, identity),
        (db) =>
          db.query('select * from storage.search($1, $2, $3, $4, $5, $6, $7, $8)', [
            prefix,
            bucketId,
            limit,
            (prefix + search).split('/').length,
            offset,
            search,
            sortBy.column ?? 'name',
            sortBy.order ?? 'asc',
          ]),
        true,
      );
      sendJson(res, 200, rows);
      return;
    }
    if (first === 'move' && segments.length === 1) return moveObject(deps, request, await identifyStrictly());
    if (first === 'copy' && segments.length === 1) return copyObject(deps, request, await identifyStrictly());
    if (first === 'sign' && segments.length >= 2) {
      const identity = await identifyStrictly();
      const scope = scopeOf(request, identity);
      const body = await readJson(req);
      const expiresIn = body.expiresIn;
      if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 1) {
        throw ERRORS.invalidRequest('body/expiresIn must be >= 1');
      }
      if (segments.length === 2) {
        const { bucketId } = bucketAndKey(segments.slice(1));
        if (!Array.isArray(body.paths))
          throw ERRORS.invalidRequest("body must have required property 'paths'");
        const paths = body.paths.map(String);
        const visible = await deps.db.asUser(
          scope,
          async (db) =>
            new Set(
              (
                await db.query<{ name: string }>(
                  'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
                  [bucketId, paths],
                )
              ).rows.map((row) => row.name),
            ),
          true,
        );
        const results = await Promise.all(
          paths.map(async (path) =>
            visible.has(path)
              ? { error: null, path, signedURL: await signDownload(deps.config, bucketId, path, expiresIn) }
              : {
                  error: 'Either the object does not exist or you do not have access to it',
                  path,
                  signedURL: null,
                },
          ),
        );
        sendJson(res, 200, results);
        return;
      }
      const { bucketId, key } = bucketAndKey(segments.slice(1));
      mustBeValidKey(key);
      await deps.db.asUser(scope, (db) => mustFindObject(db, bucketId, key), true);
      sendJson(res, 200, { signedURL: await signDownload(deps.config, bucketId, key, expiresIn) });
      return;
    }
    if (first === 'upload' && second === 'sign' && segments.length >= 4) {
      const identity = await identifyStrictly();
      const { bucketId, key } = bucketAndKey(segments.slice(2));
      mustBeValidKey(key);
      await readJson(req);
      const upsert = req.headers['x-upsert'] === 'true';
      await deps.db.testAsUser(scopeOf(request, identity), (db) =>
        writeObject(db, { bucketId, name: key, owner: identity.owner, version: '1', metadata: {} }, upsert),
      );
      sendJson(res, 200, await signUpload(deps.config, bucketId, key, identity.owner, upsert));
      return;
    }
    if (segments.length >= 2) {
      const identity = await identifyStrictly();
      return upload(deps, request, segments, identity, req.headers['x-upsert'] === 'true');
    }
    throw notFound();
  }

  if (method === 'PUT') {
    if (first === 'upload' && second === 'sign' && segments.length >= 4) {
      const { bucketId, key } = bucketAndKey(segments.slice(2));
      const token = await verifySignedToken(deps.config, query.get('token'), `${bucketId}/${key}`, 'upload');
      mustBeValidKey(key);
      const bucket = await mustFindBucket(deps.db.admin, bucketId);
      const file = await fileFromRequest(req, bucket, key);
      await storeObject(deps, { bucket, name: key, upsert: token.upsert === true, owner: token.owner, file });
      sendJson(res, 200, { Key: `${bucketId}/${key}` });
      return;
    }
    if (segments.length >= 2) return upload(deps, request, segments, await identifyStrictly(), true);
    throw notFound();
  }

  if (method === 'DELETE') {
    const identity = await identifyStrictly();
    const scope = scopeOf(request, identity);
    if (segments.length === 1) {
      const { bucketId } = bucketAndKey(segments);
      const body = await readJson(req);
      if (!Array.isArray(body.prefixes))
        throw ERRORS.invalidRequest("body must have required property 'prefixes'");
      if (body.prefixes.length < 1 || body.prefixes.length > 1000)
        throw ERRORS.invalidRequest('body/prefixes must NOT have fewer than 1 items');
      const deleted = await deps.db.asUser(scope, (db) =>
        deleteObjects(db, bucketId, (body.prefixes as unknown[]).map(String)),
      );
      await deps.disk.remove(deleted.map((row) => row.version));
      sendJson(res, 200, deleted);
      return;
    }
    const { bucketId, key } = bucketAndKey(segments);
    mustBeValidKey(key);
    await mustFindObject(deps.db.admin, bucketId, key);
    const deleted = await deps.db.asUser(scope, (db) => deleteObjects(db, bucketId, [key]));
    if (deleted.length === 0) throw ERRORS.accessDenied('Access denied');
    await deps.disk.remove(deleted.map((row) => row.version));
    sendJson(res, 200, { message: 'Successfully deleted' });
    return;
  }
  throw notFound();
}

async function upload(
  deps: StorageDeps,
  request: StorageRequest,
  segments: string[],
  identity: StorageIdentity,
  upsert: boolean,
): Promise<void> {
  const { bucketId, key } = bucketAndKey(segments);
  // A binary body starts streaming to disk (under the global limit) while the bucket is looked
  // up, instead of one database round trip later; a refusal stops it and removes its bytes.
  const written = isMultipart(request.req) ? undefined : deps.disk.start(request.req, GLOBAL_FILE_SIZE_LIMIT);
  let bucket: BucketRow;
  let file: IncomingFile;
  try {
    bucket = await mustFindBucket(deps.db.admin, bucketId);
    mustBeValidKey(key);
    file = await fileFromRequest(request.req, bucket, key);
  } catch (error) {
    await written?.abort();
    throw error;
  }
  const row = await storeObject(deps, {
    bucket,
    name: key,
    upsert,
    owner: identity.owner,
    file,
    scope: scopeOf(request, identity),
    written,
  });
  sendJson(request.res, 200, { Id: row.id, Key: `${bucketId}/${key}` });
}

async function moveObject(
  deps: StorageDeps,
  request: StorageRequest,
  identity: StorageIdentity,
): Promise<void> {
  const body = await readJson(request.req);
  const bucketId = requireString(body, 'bucketId');
  const sourceKey = requireString(body, 'sourceKey');
  const destinationKey = requireString(body, 'destinationKey');
  const destinationBucket =
    typeof body.destinationBucket === 'string' && body.destinationBucket !== ''
      ? body.destinationBucket
      : bucketId;
  mustBeValidBucketName(bucketId);
  mustBeValidBucketName(destinationBucket);
  mustBeValidKey(destinationKey);
  // The caller must see the source and be allowed to rename it (UPDATE policy, old and new row).
  const moved = await deps.db.asUser(scopeOf(request, identity), async (db) => {
    const source = await mustFindObject(db, bucketId, sourceKey);
    const updated = await updateObject(db, bucketId, sourceKey, {
      bucketId: destinationBucket,
      name: destinationKey,
      version: source.version ?? '',
      owner: identity.owner,
    });
    if (!updated) throw ERRORS.noSuchKey();
    return updated;
  });
  sendJson(request.res, 200, { message: 'Successfully moved', Id: moved.id, Key: moved.name });
}

async function copyObject(
  deps: StorageDeps,
  request: StorageRequest,
  identity: StorageIdentity,
): Promise<void> {
  const body = await readJson(request.req);
  const bucketId = requireString(body, 'bucketId');
  const sourceKey = requireString(body, 'sourceKey');
  const destinationKey = requireString(body, 'destinationKey');
  const destinationBucketId =
    typeof body.destinationBucket === 'string' && body.destinationBucket !== ''
      ? body.destinationBucket
      : bucketId;
  mustBeValidBucketName(bucketId);
  mustBeValidKey(destinationKey);
  const scope = scopeOf(request, identity);
  const upsert = request.req.headers['x-upsert'] === 'true';
  const source = await deps.db.asUser(scope, (db) => mustFindObject(db, bucketId, sourceKey), true);
  const destinationBucket = await mustFindBucket(deps.db.admin, destinationBucketId);
  const copyMetadata = body.copyMetadata !== false;
  const metadata = { ...(source.metadata ?? {}) };
  const requested = (body.metadata ?? {}) as { cacheControl?: string; mimetype?: string };
  if (!copyMetadata) {
    if (requested.cacheControl !== undefined) metadata.cacheControl = requested.cacheControl;
    if (requested.mimetype !== undefined) metadata.mimetype = requested.mimetype;
  }
  const userMetadata = copyMetadata ? source.user_metadata : undefined;
  await deps.db.testAsUser(scope, (db) =>
    writeObject(
      db,
      {
        bucketId: destinationBucketId,
        name: destinationKey,
        owner: identity.owner,
        version: '1',
        metadata,
        userMetadata,
      },
      upsert,
    ),
  );
  if (!source.version) throw ERRORS.noSuchKey();
  const stored = await deps.disk.copy(source.version);
  try {
    const recorded = await recordObject(
      deps.db.admin,
      {
        bucketId: destinationBucket.id,
        name: destinationKey,
        owner: identity.owner,
        version: stored.version,
        metadata: { ...metadata, eTag: stored.eTag, lastModified: new Date().toISOString() },
        userMetadata: userMetadata ?? null,
      },
      upsert,
    );
    if (!recorded) throw ERRORS.resourceAlreadyExists();
    const row = recorded.row;
    await deps.disk.remove([recorded.previousVersion]);
    sendJson(request.res, 200, { Id: row.id, Key: `${destinationBucketId}/${destinationKey}`, ...row });
  } catch (error) {
    await deps.disk.remove([stored.version]);
    throw error;
  }
}
