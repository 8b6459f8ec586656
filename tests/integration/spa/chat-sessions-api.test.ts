/**
 * The chat sessions list's writes against the real local Supabase API, under RLS: a user renames
 * and deletes their own sessions (the messages go with them) and cannot touch another user's, and
 * title search treats LIKE wildcards literally.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { deleteSession } from '@/features/chat/api/delete-session';
import { getSessions } from '@/features/chat/api/get-sessions';
import { renameSession } from '@/features/chat/api/rename-session';
import { supabase } from '@/lib/supabase';

// Node 20 has no WebSocket and supabase-js builds its Realtime client when the SPA's client module
// loads; these tests never open a channel, so a constructor that fails loudly is enough.
vi.hoisted(() => {
  globalThis.WebSocket ??= class {
    constructor() {
      throw new Error('Realtime is not used in these tests.');
    }
  } as unknown as typeof WebSocket;
});

const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
const password = 'correct horse battery staple';
let ownerId: string;
let strangerId: string;

async function signUp(label: string): Promise<string> {
  const { data, error } = await supabase.auth.signUp({
    email: `chat-sessions-${label}-${randomUUID()}@example.com`,
    password,
  });
  if (error) throw error;
  return data.user!.id;
}

/** A session with one message, written as the agents function would (service side). */
async function createSession(userId: string, title: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into public.chat_sessions (user_id, title) values ($1, $2) returning id',
    [userId, title],
  );
  const id = rows[0]!.id;
  await db.query(
    `insert into public.chat_messages (session_id, role, content, status) values ($1, 'user', 'Hello', 'complete')`,
    [id],
  );
  return id;
}

const titleOf = async (id: string) =>
  (await db.query<{ title: string }>('select title from public.chat_sessions where id = $1', [id])).rows[0]
    ?.title;

beforeAll(async () => {
  await db.connect();
  // The stranger signs up first; the owner's sign-up then becomes the client's session.
  strangerId = await signUp('stranger');
  ownerId = await signUp('owner');
});

afterAll(async () => {
  await db.query('delete from auth.users where id = any($1)', [[ownerId, strangerId]]);
  await db.end();
});

it('renames and deletes the owner’s own session, its messages going with it', async () => {
  const id = await createSession(ownerId, 'New chat');

  await renameSession(id, '  Q3 launch plan  ');
  expect(await titleOf(id)).toBe('Q3 launch plan');
  expect((await getSessions()).find((session) => session.id === id)?.title).toBe('Q3 launch plan');

  await deleteSession(id);
  expect(await titleOf(id)).toBeUndefined();
  const { rows } = await db.query('select 1 from public.chat_messages where session_id = $1', [id]);
  expect(rows).toEqual([]);
});

it('refuses to rename or delete another user’s session, leaving it untouched', async () => {
  const theirs = await createSession(strangerId, 'Their secrets');

  await expect(renameSession(theirs, 'Mine now')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  await expect(deleteSession(theirs)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  expect(await titleOf(theirs)).toBe('Their secrets');
  expect((await getSessions()).map((session) => session.id)).not.toContain(theirs);
});

it('rejects a title the schema would refuse, before writing', async () => {
  const id = await createSession(ownerId, 'Keep me');
  await expect(renameSession(id, '   ')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  await expect(renameSession(id, 'x'.repeat(201))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  expect(await titleOf(id)).toBe('Keep me');
});

it('searches the owner’s titles with %, _ and \\ matched literally', async () => {
  const literal = await createSession(ownerId, 'Grew 100% in Q_3 \\ north');
  const lookalike = await createSession(ownerId, 'Grew 1000 in QA3 north');
  await createSession(strangerId, 'Grew 100% in Q_3 \\ north (theirs)');

  const found = async (term: string) => (await getSessions(term)).map((session) => session.id);
  expect(await found('100%')).toEqual([literal]);
  expect(await found('q_3 \\')).toEqual([literal]);
  expect((await found('grew')).sort()).toEqual([literal, lookalike].sort());
});
