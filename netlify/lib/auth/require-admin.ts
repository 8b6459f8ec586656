/**
 * Admin rights come from `profiles.role` in the database, never from token claims: a role change
 * (or revocation) takes effect on the next request instead of when the user's token expires, and
 * the column is not writable by users.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { AuthUser } from './auth-user';

export async function requireAdmin(db: Queryable, user: AuthUser): Promise<void> {
  const { rows } = await db.query<{ role: string }>('select role from public.profiles where id = $1', [
    user.id,
  ]);
  if (rows[0]?.role !== 'admin') throw new ApiError('FORBIDDEN', 'This action is for administrators only.');
}
