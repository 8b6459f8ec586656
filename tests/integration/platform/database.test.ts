import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('local database bootstrap', () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('runs PostgreSQL 17 in UTC', async () => {
    const { rows } = await client.query<{ version: string; tz: string }>(
      "select current_setting('server_version') as version, current_setting('timezone') as tz",
    );
    expect(rows[0]?.version).toMatch(/^17\./);
    expect(rows[0]?.tz).toBe('UTC');
  });

  it('has the Supabase API roles with their attributes', async () => {
    const { rows } = await client.query<{
      rolname: string;
      rolcanlogin: boolean;
      rolbypassrls: boolean;
      rolinherit: boolean;
    }>(
      "select rolname, rolcanlogin, rolbypassrls, rolinherit from pg_roles where rolname in ('anon','authenticated','service_role','authenticator','supabase_auth_admin') order by rolname",
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolcanlogin: false, rolbypassrls: false, rolinherit: true },
      { rolname: 'authenticated', rolcanlogin: false, rolbypassrls: false, rolinherit: true },
      { rolname: 'authenticator', rolcanlogin: true, rolbypassrls: false, rolinherit: false },
      { rolname: 'service_role', rolcanlogin: false, rolbypassrls: true, rolinherit: true },
      { rolname: 'supabase_auth_admin', rolcanlogin: true, rolbypassrls: false, rolinherit: false },
    ]);
  });

  it('resolves auth.uid(), auth.role() and auth.jwt() from request.jwt.claims', async () => {
    await client.query('begin');
    try {
      await client.query(
        `select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`,
        [
          JSON.stringify({
            sub: '8d0fd2b3-9ca7-4d9e-a95f-9e13dde0d8f1',
            role: 'authenticated',
            email: 'a@example.com',
          }),
        ],
      );
      const { rows } = await client.query(
        "select auth.uid()::text as uid, auth.role() as role, auth.jwt() ->> 'email' as email, current_user as who",
      );
      expect(rows[0]).toEqual({
        uid: '8d0fd2b3-9ca7-4d9e-a95f-9e13dde0d8f1',
        role: 'authenticated',
        email: 'a@example.com',
        who: 'authenticated',
      });
    } finally {
      await client.query('rollback');
    }
  });

  it('keeps auth.users out of reach of the API roles', async () => {
    await client.query('begin');
    try {
      await client.query('set local role anon');
      await expect(client.query('select * from auth.users')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('rollback');
    }
  });
});
