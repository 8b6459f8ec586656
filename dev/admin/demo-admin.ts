/**
 * The seeded demo admin (admin@example.com) gets no password from the seed: a known admin password
 * in a seed file would open every database where demo data is on, staging included (issue 19).
 * The local platform gives it a fresh random password at every start and prints it in the
 * `npm run dev` banner, so the password exists only on this machine and only until the next start.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** supabase/seed.sql's fixed id for admin@example.com. */
export const demoAdminId = 'a0000000-0000-4000-8000-000000000002';
export const demoAdminEmail = 'admin@example.com';

/** Sets a new random password on the demo admin; undefined when there is no demo admin (no demo data). */
export async function resetDemoAdminPassword(databaseUrl: string): Promise<string | undefined> {
  const password = randomBytes(15).toString('base64url');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf')), updated_at = now()
        where id = $1 and email = $3`,
      [demoAdminId, password, demoAdminEmail],
    );
    return rowCount ? password : undefined;
  } finally {
    await client.end();
  }
}
