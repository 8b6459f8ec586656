/**
 * The data access handed to handlers: withTransaction on the shared pool, a user-scoped supabase-js
 * client under RLS, and the service-role client.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../netlify/lib/auth/auth-user';
import { closeDbPools, getDb, withTransaction } from '../../../netlify/lib/db';
import { supabaseAdmin, supabaseFor } from '../../../netlify/lib/supabase';
import { createUser, mintToken } from './helpers';

const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

async function signedIn(id: string): Promise<AuthUser> {
  const accessToken = await mintToken({ sub: id });
  return { id, email: undefined, role: 'authenticated', claims: {}, accessToken };
}

describe('withTransaction', () => {
  it('commits what the callback did', async () => {
    const key = `tx-commit-${crypto.randomUUID()}`;
    await withTransaction(getDb(), async (client) => {
      await client.query(
        "insert into public.rate_limit_buckets values ($1, now(), now() + interval '1 minute', 1)",
        [key],
      );
    });
    expect((await db.query('select 1 from public.rate_limit_buckets where key = $1', [key])).rowCount).toBe(
      1,
    );
  });

  it('rolls everything back when the callback throws', async () => {
    const key = `tx-rollback-${crypto.randomUUID()}`;
    await expect(
      withTransaction(getDb(), async (client) => {
        await client.query(
          "insert into public.rate_limit_buckets values ($1, now(), now() + interval '1 minute', 1)",
          [key],
        );
        throw new Error('second step failed');
      }),
    ).rejects.toThrow('second step failed');
    expect((await db.query('select 1 from public.rate_limit_buckets where key = $1', [key])).rowCount).toBe(
      0,
    );
  });
});

describe('supabase clients', () => {
  it('supabaseFor(user) reads under RLS: the user sees their own profile and no one else’s', async () => {
    const alice = await createUser(db);
    const bob = await createUser(db);
    const { data, error } = await supabaseFor(await signedIn(alice.id))
      .from('profiles')
      .select('id')
      .in('id', [alice.id, bob.id]);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: alice.id }]);
  });

  it('supabaseAdmin() bypasses RLS and reaches auth.admin', async () => {
    const carol = await createUser(db);
    const admin = supabaseAdmin();
    const { data, error } = await admin.from('profiles').select('id, role').eq('id', carol.id).single();
    expect(error).toBeNull();
    expect(data).toEqual({ id: carol.id, role: 'member' });
    const { data: user, error: authError } = await admin.auth.admin.getUserById(carol.id);
    expect(authError).toBeNull();
    expect(user.user?.email).toBe(carol.email);
  });
});
