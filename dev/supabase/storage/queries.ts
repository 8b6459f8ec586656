/**
 * The statements on the storage tables. Each takes the client of the transaction it runs in, so
 * the caller decides whether it runs as the user (RLS) or as the storage admin.
 */
import type pg from 'pg';

/** A transaction's client, or the admin pool for one autocommit statement. */
type Db = pg.ClientBase | pg.Pool;
import { ERRORS } from './errors';

export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  public: boolean;
  type: string;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  owner_id: string | null;
  version: string | null;
  metadata: ObjectMetadata | null;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

const BUCKET_COLUMNS =
  'id, name, owner, owner_id, public, type, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at';
const OBJECT_COLUMNS =
  'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';

export async function findBucket(db: Db, id: string, forUpdate = false): Promise<BucketRow | undefined> {
  const { rows } = await db.query<BucketRow>(
    `select ${BUCKET_COLUMNS} from storage.buckets where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0];
}

export async function mustFindBucket(db: Db, id: string): Promise<BucketRow> {
  const bucket = await findBucket(db, id);
  if (!bucket) throw ERRORS.noSuchBucket();
  return bucket;
}

export interface ListBucketOptions {
  limit?: number;
  offset?: number;
  search?: string;
  sortColumn?: string;
  sortOrder?: string;
}

export async function listBuckets(db: Db, options: ListBucketOptions): Promise<BucketRow[]> {
  const column = ['id', 'name', 'created_at', 'updated_at'].includes(options.sortColumn ?? '')
    ? options.sortColumn
    : 'name';
  const order = options.sortOrder === 'desc' ? 'desc' : 'asc';
  const values: unknown[] = [];
  let where = '';
  if (options.search) {
    values.push(`%${options.search.replace(/[\\%_]/g, '\\$&')}%`);
    where = `where name ilike $${values.length}`;
  }
  let paging = '';
  if (options.limit !== undefined) {
    values.push(options.limit);
    paging += ` limit $${values.length}`;
  }
  if (options.offset !== undefined) {
    values.push(options.offset);
    paging += ` offset $${values.length}`;
  }
  const { rows } = await db.query<BucketRow>(
    `select ${BUCKET_COLUMNS} from storage.buckets ${where} order by ${column} ${order}${paging}`,
    values,
  );
  return rows;
}

/** The statement of findObject, for StorageDb.readAsUser ($1 bucket, $2 name). */
export const FIND_OBJECT_SQL = `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`;

export async function findObject(
  db: Db,
  bucketId: string,
  name: string,
  forUpdate = false,
): Promise<ObjectRow | undefined> {
  const { rows } = await db.query<ObjectRow>(
    `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2${forUpdate ? ' for update' : ''}`,
    [bucketId, name],
  );
  return rows[0];
}

export async function mustFindObject(db: Db, bucketId: string, name: string): Promise<ObjectRow> {
  const object = await findObject(db, bucketId, name);
  if (!object) throw ERRORS.noSuchKey();
  return object;
}

export interface ObjectWrite {
  bucketId: string;
  name: string;
  owner?: string;
  version: string;
  metadata: Partial<ObjectMetadata>;
  userMetadata?: Record<string, unknown> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ownerColumns(owner: string | undefined): [string | null, string | null] {
  // `owner` (uuid, deprecated) only holds a UUID sub; `owner_id` holds any sub.
  return [owner && UUID.test(owner) ? owner : null, owner ?? null];
}

/** INSERT (upsert = INSERT … ON CONFLICT DO UPDATE, needing the INSERT and UPDATE policies). */
export async function writeObject(db: Db, write: ObjectWrite, upsert: boolean): Promise<ObjectRow> {
  const [owner, ownerId] = ownerColumns(write.owner);
  const conflict = upsert
    ? `on conflict (bucket_id, name) do update set version = excluded.version, owner = excluded.owner,
         owner_id = excluded.owner_id, metadata = excluded.metadata, user_metadata = excluded.user_metadata`
    : '';
  const { rows } = await db.query<ObjectRow>(
    `insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
     values ($1, $2, $3, $4, $5, $6, $7) ${conflict} returning ${OBJECT_COLUMNS}`,
    [
      write.bucketId,
      write.name,
      owner,
      ownerId,
      write.version,
      JSON.stringify(write.metadata),
      write.userMetadata === undefined ? null : JSON.stringify(write.userMetadata),
    ],
  );
  return rows[0] as ObjectRow;
}

export interface Statement {
  text: string;
  values: Array<string | null>;
}

/**
 * Records stored bytes: inserts the object (or, with upsert, replaces its version and metadata)
 * and returns the version it replaced, whose bytes the caller then deletes. When an object of
 * that name exists and this is no upsert, `existing` decides: 'nothing' returns no row (the
 * admin's record after a permission test: an object created meanwhile wins), 'fail' raises the
 * unique violation (the caller's own write: 409, as its permission test would have answered).
 */
export function recordObjectStatement(
  write: ObjectWrite,
  upsert: boolean,
  existing: 'nothing' | 'fail',
): Statement {
  const [owner, ownerId] = ownerColumns(write.owner);
  const conflict = upsert
    ? `on conflict (bucket_id, name) do update set version = excluded.version, owner = excluded.owner,
         owner_id = excluded.owner_id, metadata = excluded.metadata, user_metadata = excluded.user_metadata`
    : existing === 'nothing'
      ? 'on conflict (bucket_id, name) do nothing'
      : '';
  // Only an upsert replaces a version; locking it (FOR UPDATE) is only asked of one.
  const previous = upsert
    ? 'with previous as (select version from storage.objects where bucket_id = $1 and name = $2 for update)'
    : '';
  const previousVersion = upsert ? '(select version from previous)' : 'null::text';
  return {
    text: `${previous}
     insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
     values ($1, $2, $3, $4, $5, $6, $7) ${conflict}
     returning ${OBJECT_COLUMNS}, ${previousVersion} as previous_version`,
    values: [
      write.bucketId,
      write.name,
      owner,
      ownerId,
      write.version,
      JSON.stringify(write.metadata),
      write.userMetadata === undefined ? null : JSON.stringify(write.userMetadata),
    ],
  };
}

export type RecordedObject = { row: ObjectRow; previousVersion: string | null };

export function recordedObject(
  rows: Array<ObjectRow & { previous_version: string | null }>,
): RecordedObject | undefined {
  const row = rows[0];
  if (!row) return undefined;
  const { previous_version: previousVersion, ...object } = row;
  return { row: object, previousVersion };
}

/** recordObjectStatement as the admin, one autocommit statement (after a permission test). */
export async function recordObject(
  db: Db,
  write: ObjectWrite,
  upsert: boolean,
): Promise<RecordedObject | undefined> {
  const { text, values } = recordObjectStatement(write, upsert, 'nothing');
  const { rows } = await db.query<ObjectRow & { previous_version: string | null }>(text, values);
  return recordedObject(rows);
}

/** UPDATE of an existing row (PUT /object): the UPDATE policy decides. */
export async function updateObject(
  db: Db,
  bucketId: string,
  name: string,
  changes: {
    bucketId?: string;
    name?: string;
    version: string;
    owner?: string;
    metadata?: Partial<ObjectMetadata>;
    userMetadata?: Record<string, unknown> | null;
  },
): Promise<ObjectRow | undefined> {
  const [owner, ownerId] = ownerColumns(changes.owner);
  const { rows } = await db.query<ObjectRow>(
    `update storage.objects set bucket_id = coalesce($3, bucket_id), name = coalesce($4, name), version = $5,
       owner = $6, owner_id = $7, metadata = coalesce($8::jsonb, metadata),
       user_metadata = case when $9::boolean then $10::jsonb else user_metadata end
     where bucket_id = $1 and name = $2 returning ${OBJECT_COLUMNS}`,
    [
      bucketId,
      name,
      changes.bucketId ?? null,
      changes.name ?? null,
      changes.version,
      owner,
      ownerId,
      changes.metadata === undefined ? null : JSON.stringify(changes.metadata),
      changes.userMetadata !== undefined,
      changes.userMetadata === undefined || changes.userMetadata === null
        ? null
        : JSON.stringify(changes.userMetadata),
    ],
  );
  return rows[0];
}

export async function deleteObjects(db: Db, bucketId: string, names: string[]): Promise<ObjectRow[]> {
  if (names.length === 0) return [];
  const { rows } = await db.query<ObjectRow>(
    `delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
    [bucketId, names],
  );
  return rows;
}
