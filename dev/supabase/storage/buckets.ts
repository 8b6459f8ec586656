/**
 * /bucket routes (supabase/storage `src/http/routes/bucket/*`). They run as the caller, so RLS on
 * storage.buckets decides: with no policy there (our migrations add none) only the service role
 * creates, reads, updates, empties or deletes buckets — as on a hosted project.
 */
import { scopeOf, readJson, sendJson, type StorageDeps, type StorageRequest } from './http';
import { ERRORS } from './errors';
import { mustBeValidBucketName, parseFileSizeLimit, validateAllowedMimeTypes } from './limits';
import { deleteObjects, findBucket, listBuckets, mustFindBucket } from './queries';
import type { StorageIdentity } from './request-auth';

function present(row: Awaited<ReturnType<typeof findBucket>> & object) {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner ?? row.owner_id ?? '',
    public: row.public,
    type: row.type,
    file_size_limit: row.file_size_limit,
    allowed_mime_types: row.allowed_mime_types,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function handleBuckets(
  deps: StorageDeps,
  request: StorageRequest,
  identity: StorageIdentity,
  rest: string[],
): Promise<void> {
  const { method, res } = request;
  const scope = scopeOf(request, identity);
  const [id, action, ...extra] = rest.map(decodeURIComponent);
  if (extra.length > 0) throw ERRORS.routeNotFound(method, `/bucket/${rest.join('/')}`);

  if (id === undefined || id === '') {
    if (method === 'GET') {
      const q = request.query;
      const rows = await deps.db.asUser(
        scope,
        (db) =>
          listBuckets(db, {
            limit: q.has('limit') ? Number(q.get('limit')) : undefined,
            offset: q.has('offset') ? Number(q.get('offset')) : undefined,
            search: q.get('search') ?? undefined,
            sortColumn: q.get('sortColumn') ?? undefined,
            sortOrder: q.get('sortOrder') ?? undefined,
          }),
        true,
      );
      sendJson(res, 200, rows.map(present));
      return;
    }
    if (method === 'POST') {
      const body = await readJson(request.req);
      const name = body.name;
      if (typeof name !== 'string') throw ERRORS.invalidRequest("body must have required property 'name'");
      if (name.trim() !== name) throw ERRORS.invalidBucketName();
      mustBeValidBucketName(name);
      const bucketId = typeof body.id === 'string' && body.id !== '' ? body.id : name;
      const fileSizeLimit = parseFileSizeLimit(body.file_size_limit);
      const allowed = validateAllowedMimeTypes(body.allowed_mime_types);
      await deps.db
        .asUser(scope, (db) =>
          db.query(
            `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
             values ($1, $2, $3, $4, $5, $6, $7)`,
            [
              bucketId,
              name,
              identity.owner && /^[0-9a-f-]{36}$/i.test(identity.owner) ? identity.owner : null,
              identity.owner ?? null,
              body.public === true,
              fileSizeLimit ?? null,
              allowed ?? null,
            ],
          ),
        )
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23505') throw ERRORS.bucketAlreadyExists();
          throw error;
        });
      sendJson(res, 200, { name });
      return;
    }
  } else if (action === undefined) {
    mustBeValidBucketName(id);
    if (method === 'GET') {
      const row = await deps.db.asUser(scope, (db) => mustFindBucket(db, id), true);
      sendJson(res, 200, present(row));
      return;
    }
    if (method === 'PUT') {
      const body = await readJson(request.req);
      const changes: Array<[string, unknown]> = [];
      if (typeof body.public === 'boolean') changes.push(['public', body.public]);
      if (body.file_size_limit !== undefined)
        changes.push(['file_size_limit', parseFileSizeLimit(body.file_size_limit)]);
      if (body.allowed_mime_types !== undefined)
        changes.push(['allowed_mime_types', validateAllowedMimeTypes(body.allowed_mime_types)]);
      if (changes.length === 0) throw ERRORS.noContentProvided();
      const set = changes.map(([column], index) => `${column} = $${index + 2}`).join(', ');
      const result = await deps.db.asUser(scope, (db) =>
        db.query(`update storage.buckets set ${set}, updated_at = now() where id = $1`, [
          id,
          ...changes.map(([, value]) => value),
        ]),
      );
      if (result.rowCount === 0) throw ERRORS.noSuchBucket();
      sendJson(res, 200, { message: 'Successfully updated' });
      return;
    }
    if (method === 'DELETE') {
      await deps.db.asUser(scope, async (db) => {
        // Storage locks and counts as the superuser, then deletes as the caller.
        const bucket = await deps.db.asAdmin(async (admin) => {
          const found = await findBucket(admin, id);
          if (!found) return undefined;
          const { rows } = await admin.query('select 1 from storage.objects where bucket_id = $1 limit 1', [
            id,
          ]);
          return { found, empty: rows.length === 0 };
        });
        if (!bucket) throw ERRORS.noSuchBucket();
        if (!bucket.empty) throw ERRORS.bucketNotEmpty();
        const result = await db.query('delete from storage.buckets where id = $1', [id]);
        if (result.rowCount === 0) throw ERRORS.noSuchBucket();
      });
      sendJson(res, 200, { message: 'Successfully deleted' });
      return;
    }
  } else if (action === 'empty' && method === 'POST') {
    await readJson(request.req);
    await deps.db.asUser(scope, (db) => mustFindBucket(db, id), true);
    // Storage queues this as the service; here it happens before the answer.
    const removed = await deps.db.asAdmin(async (admin) => {
      const { rows } = await admin.query<{ name: string }>(
        'select name from storage.objects where bucket_id = $1',
        [id],
      );
      return deleteObjects(
        admin,
        id,
        rows.map((row) => row.name),
      );
    });
    await deps.disk.remove(removed.map((row) => row.version));
    sendJson(res, 200, { message: 'Empty bucket has been queued. Completion may take up to an hour.' });
    return;
  }
  throw ERRORS.routeNotFound(method, request.path);
}
