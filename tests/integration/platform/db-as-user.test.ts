/**
 * asUser: a function's user-data statements run under RLS as the caller, and the pooled connection
 * goes back to the service level afterwards, whatever happened inside.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { asUser } from '../../../netlify/lib/db-as-user';
import { createUser } from '../http/helpers';

const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
afterAll(() => db.end());

const caller = (id: string, extra: Record<string, unknown> = {}) => ({ id, claims: { sub: id, ...extra } });

async function sessionOf(userId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into public.chat_sessions (user_id) values ($1) returning id',
    [userId],
  );
  return rows[0]!.id;
}

describe('asUser', () => {
  it('sees only the caller’s rows and reports the caller as auth.uid()', async () => {
    const alice = await createUser(db);
    const bob = await createUser(db);
    const aliceSession = await sessionOf(alice.id);
    const asAlice = await asUser(db, caller(alice.id), async (client) => {
      const { rows } = await client.query<{ uid: string; role: string; n: number }>(
        'select auth.uid() as uid, current_user as role, (select count(*)::int from public.chat_sessions where id = $1) as n',
        [aliceSession],
      );
      return rows[0]!;
    });
    expect(asAlice).toEqual({ uid: alice.id, role: 'authenticated', n: 1 });
    const asBob = await asUser(db, caller(bob.id), (client) =>
      client.query('select id from public.chat_sessions where id = $1', [aliceSession]),
    );
    expect(asBob.rowCount).toBe(0);
  });

  it('refuses a write RLS forbids, rolls back, and hands the connection back at the service level', async () => {
    const alice = await createUser(db);
    const bob = await createUser(db);
    const aliceSession = await sessionOf(alice.id);
    const bobSession = await sessionOf(bob.id);
    await expect(
      asUser(db, caller(alice.id), async (client) => {
        await client.query('update public.chat_sessions set title = $2 where id = $1', [
          aliceSession,
          'Renamed',
        ]);
        await client.query('insert into public.chat_sessions (user_id) values ($1)', [bob.id]);
      }),
    ).rejects.toMatchObject({ code: '42501' });
    const renamed = await asUser(db, caller(alice.id), (client) =>
      client.query('update public.chat_sessions set title = $2 where id = $1', [bobSession, 'mine now']),
    );
    expect(renamed.rowCount).toBe(0);
    const { rows } = await db.query<{ role: string; claims: string | null; mine: string; theirs: string }>(
      `select current_user as role, nullif(current_setting('request.jwt.claims', true), '') as claims,
              (select title from public.chat_sessions where id = $1) as mine,
              (select title from public.chat_sessions where id = $2) as theirs`,
      [aliceSession, bobSession],
    );
    expect(rows[0]).toEqual({ role: 'postgres', claims: null, mine: 'New chat', theirs: 'New chat' });
  });

  it('carries claims with quotes intact (escaped, never spliced)', async () => {
    const alice = await createUser(db);
    const email = `o'brien'); select pg_sleep(10); --@example.com`;
    const seen = await asUser(db, caller(alice.id, { email }), async (client) => {
      const { rows } = await client.query<{ email: string }>("select auth.jwt() ->> 'email' as email");
      return rows[0]!.email;
    });
    expect(seen).toBe(email);
  });
});
