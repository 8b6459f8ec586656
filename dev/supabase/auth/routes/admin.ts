/**
 * The admin API (`internal/api/admin.go`) used with the service-role key by server code
 * (`supabase.auth.admin.*`): list, create, read, update and delete users. Every call needs a JWT
 * whose role is an admin role, else 403 not_admin. Deleting removes the auth.users row, so the
 * app's `on delete cascade / set null` foreign keys run as in production.
 */
import { createHash } from 'node:crypto';
import { optionalBoolean, optionalObject, optionalString, type Body } from '../body';
import { inTransaction, type Queryable } from '../db';
import { validEmail } from '../email-address';
import { AuthApiError, badRequest, internalError, notFound, unprocessable } from '../errors';
import { parseGoDuration } from '../go-duration';
import { assertPasswordAcceptable, hashPassword } from '../password';
import { requireAdmin } from '../request-auth';
import type { AuthRequest, RouteHandler } from '../request';
import { ok } from '../respond';
import { endSessions } from '../sessions';
import { userJson } from '../user-json';
import {
  deleteUser,
  findIdentities,
  findUserByEmail,
  findUserById,
  insertEmailIdentity,
  insertUser,
  listUsers,
  mergeAppMetadata,
  mergeUserMetadata,
  syncEmailIdentity,
  updateUser,
  type UserPatch,
  type UserRow,
} from '../users-repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PER_PAGE = 50;

const emailTaken = () =>
  unprocessable('email_exists', 'A user with this email address has already been registered');

async function userResponse(db: Queryable, user: UserRow) {
  return ok(userJson(user, await findIdentities(db, user.id)));
}

function userIdParam(request: AuthRequest): string {
  const id = request.params.id ?? '';
  if (!UUID.test(id)) throw notFound('validation_failed', 'user_id must be an UUID');
  return id;
}

async function existingUser(db: Queryable, id: string, lock = false): Promise<UserRow> {
  const user = await findUserById(db, id, lock);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

function positiveInt(raw: string | null, fallback: number): number {
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw badRequest('validation_failed', `Invalid pagination value "${raw}"`);
  }
  return value;
}

export const listAdminUsers: RouteHandler = async (request, services) => {
  await requireAdmin(request.headers, services);
  const page = positiveInt(request.query.get('page'), 1);
  const perPage = positiveInt(request.query.get('per_page'), DEFAULT_PER_PAGE);
  const { users, total } = await listUsers(services.pool, page, perPage);
  const identities = await Promise.all(users.map((user) => findIdentities(services.pool, user.id)));
  const base = `${services.externalUrl}/admin/users`;
  const last = Math.max(1, Math.ceil(total / perPage));
  const links = [];
  if (page + 1 <= last) links.push(`<${base}?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`<${base}?page=${last}&per_page=${perPage}>; rel="last"`);
  return ok(
    { users: users.map((user, i) => userJson(user, identities[i]!)), aud: 'authenticated' },
    { 'x-total-count': String(total), link: links.join(', ') },
  );
};

export const getAdminUser: RouteHandler = async (request, services) => {
  await requireAdmin(request.headers, services);
  const user = await existingUser(services.pool, userIdParam(request));
  return userResponse(services.pool, user);
};

export const createAdminUser: RouteHandler = async (request, services) => {
  await requireAdmin(request.headers, services);
  const body = await request.body();
  if (optionalString(body, 'phone')) {
    throw unprocessable('phone_provider_disabled', 'Phone signups are disabled');
  }
  const rawEmail = optionalString(body, 'email');
  if (!rawEmail) {
    throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  }
  const email = validEmail(rawEmail);
  const password = optionalString(body, 'password');
  if (password !== undefined) assertPasswordAcceptable(password, services.settings.minimumPasswordLength);
  const id = optionalString(body, 'id');
  if (id !== undefined && !UUID.test(id)) throw badRequest('validation_failed', 'id must be a UUID');
  const banPatch = banDurationPatch(body);
  const passwordHash = password === undefined ? null : await hashPassword(password);

  return inTransaction(services.pool, async (db) => {
    if (await findUserByEmail(db, email)) throw emailTaken();
    let user: UserRow;
    try {
      user = await insertUser(db, {
        id,
        email,
        passwordHash,
        role: optionalString(body, 'role'),
        confirmed: optionalBoolean(body, 'email_confirm') ?? false,
        userMetadata: optionalObject(body, 'user_metadata') ?? optionalObject(body, 'data') ?? {},
        appMetadata: { provider: 'email', providers: ['email'], ...optionalObject(body, 'app_metadata') },
      });
      await insertEmailIdentity(db, user, { copyToMetadata: false });
    } catch (error) {
      if (error instanceof AuthApiError) throw error;
      if ((error as { code?: string }).code === '23505') throw emailTaken();
      services.config.log(`[auth] admin create user failed for ${email}: ${(error as Error).message}`);
      throw internalError('Database error creating new user');
    }
    if (banPatch) user = await updateUser(db, user.id, banPatch);
    return userResponse(db, (await findUserById(db, user.id))!);
  });
};

export const updateAdminUser: RouteHandler = async (request, services) => {
  await requireAdmin(request.headers, services);
  const id = userIdParam(request);
  const body = await request.body();
  const rawEmail = optionalString(body, 'email');
  const email = rawEmail ? validEmail(rawEmail) : undefined;
  const password = optionalString(body, 'password');
  if (password !== undefined) assertPasswordAcceptable(password, services.settings.minimumPasswordLength);
  const role = optionalString(body, 'role');
  const userMetadata = optionalObject(body, 'user_metadata');
  const appMetadata = optionalObject(body, 'app_metadata');
  const banPatch = banDurationPatch(body);
  const passwordHash = password === undefined ? undefined : await hashPassword(password);

  return inTransaction(services.pool, async (db) => {
    const user = await existingUser(db, id, true);
    const patch: UserPatch = { ...banPatch };
    if (role) patch.role = role;
    if (passwordHash) patch.encrypted_password = passwordHash;
    if (optionalBoolean(body, 'email_confirm') && !user.email_confirmed_at) patch.email_confirmed_at = 'now';
    if (email && email !== user.email) {
      const holder = await findUserByEmail(db, email);
      if (holder && holder.id !== user.id) throw emailTaken();
      patch.email = email;
    }
    let updated = await updateUser(db, id, patch);
    if (userMetadata) await mergeUserMetadata(db, id, userMetadata);
    if (appMetadata) await mergeAppMetadata(db, id, appMetadata);
    if (patch.email || patch.email_confirmed_at) await syncEmailIdentity(db, updated);
    // A new password or a ban ends every session, as GoTrue's UpdatePassword(tx, nil) and Ban do.
    if (passwordHash || banPatch?.banned_until) await endSessions(db, id, 'global', null);
    updated = (await findUserById(db, id))!;
    return userResponse(db, updated);
  });
};

export const deleteAdminUser: RouteHandler = async (request, services) => {
  await requireAdmin(request.headers, services);
  const id = userIdParam(request);
  const body = await request.body();
  const soft = optionalBoolean(body, 'should_soft_delete') ?? false;
  await inTransaction(services.pool, async (db) => {
    const user = await existingUser(db, id, true);
    if (!soft) {
      await deleteUser(db, id);
      return;
    }
    // Soft delete keeps the row (and what references it) but frees the address and blocks sign-in.
    const obfuscated = createHash('sha256')
      .update(`${user.id}${user.email ?? ''}`)
      .digest('hex');
    await updateUser(db, id, { deleted_at: 'now', email: obfuscated, encrypted_password: '' });
    await db.query('delete from auth.identities where user_id = $1', [id]);
    await endSessions(db, id, 'global', null);
  });
  return ok({});
};

function banDurationPatch(body: Body): UserPatch | undefined {
  const raw = optionalString(body, 'ban_duration');
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'none') return { banned_until: null };
  const ms = parseGoDuration(raw);
  if (ms === null || ms < 0) throw badRequest('validation_failed', 'invalid format for ban duration: ' + raw);
  return { banned_until: new Date(Date.now() + ms).toISOString() };
}
