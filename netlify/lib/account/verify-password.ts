/**
 * Re-checks a signed-in user's current password before an irreversible step (ADR 0045). The hash
 * is GoTrue's bcrypt in auth.users, compared by pgcrypto's `crypt` inside Postgres: no session is
 * created, nothing is signed in, and Auth's per-IP sign-in limits are not spent from the functions'
 * shared address. Service-level read: auth.users is not exposed to the API roles; the caller's own
 * row only, and the limit on the calling function bounds guessing.
 */
import type { Queryable } from '../db';

export type PasswordCheck = 'match' | 'mismatch' | 'no_password' | 'no_user';

export async function checkCurrentPassword(
  db: Queryable,
  userId: string,
  password: string,
): Promise<PasswordCheck> {
  // pgcrypto knows bcrypt's `$2a$` prefix (GoTrue's, from Go) but not `$2b$`/`$2y$` (other
  // bcrypt libraries); for passwords under 256 bytes — GoTrue caps them at 72 — the variants
  // compute the same hash, so the comparison is made on the `$2a$` form of the stored one.
  const { rows } = await db.query<{ has_password: boolean; matches: boolean }>(
    `select stored <> '' as has_password,
            stored ~ '^\\$2[aby]\\$'
              and substr(extensions.crypt($2, '$2a$' || substr(stored, 5)), 5) = substr(stored, 5) as matches
       from (select coalesce(encrypted_password, '') as stored from auth.users where id = $1) u`,
    [userId, password],
  );
  const row = rows[0];
  if (!row) return 'no_user';
  if (!row.has_password) return 'no_password';
  return row.matches ? 'match' : 'mismatch';
}
