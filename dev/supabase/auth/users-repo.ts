/**
 * SQL on `auth.users` and `auth.identities`, run as `supabase_auth_admin` like GoTrue. Users are
 * created with a plain INSERT so the app's `after insert on auth.users` triggers run in the same
 * transaction, exactly as in production.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';

export type JsonObject = Record<string, unknown>;

/** A row of auth.users; timestamps are PostgreSQL text in UTC (see db.ts). */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: string | null;
  invited_at: string | null;
  confirmation_token: string | null;
  confirmation_sent_at: string | null;
  recovery_token: string | null;
  recovery_sent_at: string | null;
  email_change_token_new: string | null;
  email_change: string | null;
  email_change_sent_at: string | null;
  email_change_token_current: string | null;
  email_change_confirm_status: number | null;
  last_sign_in_at: string | null;
  raw_app_meta_data: JsonObject | null;
  raw_user_meta_data: JsonObject | null;
  created_at: string | null;
  updated_at: string | null;
  phone: string | null;
  phone_confirmed_at: string | null;
  phone_change: string | null;
  phone_change_sent_at: string | null;
  confirmed_at: string | null;
  banned_until: string | null;
  reauthentication_sent_at: string | null;
  deleted_at: string | null;
  is_anonymous: boolean;
  /** Computed: banned_until is in the future. */
  is_banned: boolean;
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: JsonObject;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  email: string | null;
}

const USER_COLUMNS = `*, coalesce(banned_until > now(), false) as is_banned`;

export async function findUserById(db: Queryable, id: string, lock = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** Email addresses are stored lower-cased; SSO users share addresses and are not looked up here. */
export async function findUserByEmail(db: Queryable, email: string, lock = false): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where email = $1 and is_sso_user = false${lock ? ' for update' : ''}`,
    [email.toLowerCase()],
  );
  return rows[0] ?? null;
}

/** Finds the user holding a hashed one-time token in the given users column. */
export async function findUserByTokenHash(
  db: Queryable,
  column: 'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current',
  tokenHash: string,
): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where ${column} = $1 and $1 <> '' for update`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export interface NewUser {
  email: string;
  passwordHash: string | null;
  userMetadata: JsonObject;
  appMetadata: JsonObject;
  confirmed: boolean;
  role?: string;
  id?: string;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `insert into auth.users (
       instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, is_anonymous
     ) values (
       '00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, $4,
       case when $5 then now() end, $6, $7, false, now(), now(), false
     )
     returning ${USER_COLUMNS}`,
    [
      user.id ?? randomUUID(),
      user.role ?? 'authenticated',
      user.email.toLowerCase(),
      user.passwordHash ?? '',
      user.confirmed,
      user.appMetadata,
      user.userMetadata,
    ],
  );
  return rows[0]!;
}

/**
 * The `email` identity GoTrue creates for every email/password user. Sign-up also makes the
 * identity's data the user's metadata (`RemoveUnconfirmedIdentities` in models/user.go); an admin
 * `createUser` does not (admin.go keeps the `user_metadata` it was given), hence `copyToMetadata`.
 */
export async function insertEmailIdentity(
  db: Queryable,
  user: UserRow,
  options: { copyToMetadata: boolean } = { copyToMetadata: true },
): Promise<void> {
  const identityData = emailIdentityData(user);
  await db.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1, $2, $3, $4, 'email', now(), now())`,
    [randomUUID(), user.id, user.id, identityData],
  );
  if (options.copyToMetadata) await mergeUserMetadata(db, user.id, identityData);
}

function emailIdentityData(user: UserRow): JsonObject {
  return {
    sub: user.id,
    email: user.email,
    email_verified: user.email_confirmed_at !== null,
    phone_verified: false,
  };
}

/** Keeps the email identity (and its copy in user_metadata) in step with the user's email. */
export async function syncEmailIdentity(db: Queryable, user: UserRow): Promise<void> {
  const identityData = emailIdentityData(user);
  await db.query(
    `update auth.identities set identity_data = identity_data || $2, updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [user.id, identityData],
  );
  // Only where the metadata holds the identity's copy (users who signed up, not admin-created ones).
  await db.query(
    `update auth.users set raw_user_meta_data = raw_user_meta_data || jsonb_build_object('email', $2::text, 'email_verified', $3::boolean)
     where id = $1 and raw_user_meta_data ? 'sub' and raw_user_meta_data ? 'email'`,
    [user.id, identityData.email, identityData.email_verified],
  );
}

export async function findIdentities(db: Queryable, userId: string): Promise<IdentityRow[]> {
  const { rows } = await db.query<IdentityRow>(
    'select * from auth.identities where user_id = $1 order by created_at, id',
    [userId],
  );
  return rows;
}

/**
 * Merges a metadata patch key by key, as GoTrue's UpdateUserMetaData/UpdateAppMetaData do: a
 * `null` value deletes the key, anything else replaces it.
 */
function metadataMerge(column: 'raw_user_meta_data' | 'raw_app_meta_data', patch: JsonObject) {
  const removed = Object.keys(patch).filter((key) => patch[key] === null);
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
  return {
    sql: `${column} = (coalesce(${column}, '{}'::jsonb) || $2::jsonb) - $3::text[], updated_at = now()`,
    params: [set, removed],
  };
}

export async function mergeUserMetadata(db: Queryable, userId: string, patch: JsonObject): Promise<void> {
  const { sql, params } = metadataMerge('raw_user_meta_data', patch);
  await db.query(`update auth.users set ${sql} where id = $1`, [userId, ...params]);
}

export async function mergeAppMetadata(db: Queryable, userId: string, patch: JsonObject): Promise<void> {
  const { sql, params } = metadataMerge('raw_app_meta_data', patch);
  await db.query(`update auth.users set ${sql} where id = $1`, [userId, ...params]);
}

/** The columns GoTrue updates on users; a patch can only name these. */
export type UserPatch = Partial<{
  email: string;
  encrypted_password: string;
  email_confirmed_at: 'now' | null;
  confirmation_token: string;
  confirmation_sent_at: 'now' | null;
  recovery_token: string;
  recovery_sent_at: 'now' | null;
  email_change: string;
  email_change_token_new: string;
  email_change_token_current: string;
  email_change_sent_at: 'now' | null;
  email_change_confirm_status: number;
  last_sign_in_at: 'now';
  banned_until: string | null;
  role: string;
  deleted_at: 'now';
  reauthentication_token: string;
  reauthentication_sent_at: 'now' | null;
}>;

const PATCHABLE_COLUMNS = new Set<string>([
  'email',
  'encrypted_password',
  'email_confirmed_at',
  'confirmation_token',
  'confirmation_sent_at',
  'recovery_token',
  'recovery_sent_at',
  'email_change',
  'email_change_token_new',
  'email_change_token_current',
  'email_change_sent_at',
  'email_change_confirm_status',
  'last_sign_in_at',
  'banned_until',
  'role',
  'deleted_at',
  'reauthentication_token',
  'reauthentication_sent_at',
] satisfies Array<keyof UserPatch>);

/** Applies a patch; `'now'` timestamps use the database clock like every other timestamp here. */
export async function updateUser(db: Queryable, userId: string, patch: UserPatch): Promise<UserRow> {
  const assignments: string[] = ['updated_at = now()'];
  const params: unknown[] = [userId];
  for (const [column, value] of Object.entries(patch)) {
    // Column names are interpolated, so only the known ones may pass.
    if (!PATCHABLE_COLUMNS.has(column)) throw new Error(`auth.users.${column} is not updatable here`);
    if (value === 'now') {
      assignments.push(`${column} = now()`);
    } else {
      params.push(value);
      assignments.push(`${column} = $${params.length}`);
    }
  }
  const { rows } = await db.query<UserRow>(
    `update auth.users set ${assignments.join(', ')} where id = $1 returning ${USER_COLUMNS}`,
    params,
  );
  return rows[0]!;
}

export async function deleteUser(db: Queryable, userId: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from auth.users where id = $1', [userId]);
  return (rowCount ?? 0) > 0;
}

export async function listUsers(
  db: Queryable,
  page: number,
  perPage: number,
): Promise<{ users: UserRow[]; total: number }> {
  const { rows } = await db.query<UserRow & { total: string }>(
    `select ${USER_COLUMNS}, count(*) over () as total from auth.users
     where aud = 'authenticated'
     order by created_at desc, id
     limit $1 offset $2`,
    [perPage, (page - 1) * perPage],
  );
  if (rows.length > 0) return { users: rows, total: Number(rows[0]!.total) };
  const count = await db.query<{ total: string }>(
    `select count(*) as total from auth.users where aud = 'authenticated'`,
  );
  return { users: [], total: Number(count.rows[0]!.total) };
}
