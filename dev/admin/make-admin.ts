/**
 * `npm run make-admin -- <email> [--revoke]`: makes a signed-up user an admin (or a member again)
 * on the local database, through the same audited function production uses
 * (private.set_user_role, docs/deployment.md "The first admin").
 */
import pg from 'pg';

export interface RoleChange {
  userId: string;
  roleBefore: string;
  roleAfter: string;
}

export async function setUserRole(
  databaseUrl: string,
  email: string,
  role: 'admin' | 'member',
): Promise<RoleChange> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ user_id: string; role_before: string; role_after: string }>(
      'select * from private.set_user_role($1, $2)',
      [email, role],
    );
    const row = rows[0];
    if (!row) throw new Error(`private.set_user_role returned nothing for ${email}`);
    return { userId: row.user_id, roleBefore: row.role_before, roleAfter: row.role_after };
  } catch (error) {
    // P0002: no such user. Say it as the function does, without a stack.
    if ((error as { code?: string }).code === 'P0002') throw new Error((error as Error).message);
    throw error;
  } finally {
    await client.end();
  }
}
