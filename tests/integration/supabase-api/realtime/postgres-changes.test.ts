/**
 * postgres_changes through the real supabase-js client against compat.rt_notes (in the
 * supabase_realtime publication, RLS: owners and public rows): filters, RLS per subscriber (user
 * B never receives user A's rows, anon only public rows), payload shapes, and no change lost or
 * delivered twice while connected.
 */
import { randomUUID } from 'node:crypto';
import type { RealtimePostgresChangesPayload, SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyFixture,
  realtimeClient,
  signedUpUser,
  sleep,
  subscribe,
  superuser,
  until,
  type RealtimeUser,
} from './helpers';

type Note = {
  id: number;
  owner_id: string | null;
  body: string;
  priority: number;
  is_public: boolean;
  note_key: string;
};
type Change = RealtimePostgresChangesPayload<Note>;

const db = superuser();
let alice: RealtimeUser;
let bob: RealtimeUser;
const clients: SupabaseClient[] = [];

beforeAll(async () => {
  await applyFixture();
  alice = await signedUpUser('pgc-alice');
  bob = await signedUpUser('pgc-bob');
  clients.push(alice.client, bob.client);
});
afterEach(async () => {
  for (const client of clients) await client.removeAllChannels();
});
afterAll(() => db.end());

/** Subscribes `client` to rt_notes changes of one test (by note_key) and collects them. */
async function watch(
  client: SupabaseClient,
  filter?: string,
  event: '*' | 'INSERT' | 'UPDATE' | 'DELETE' = '*',
) {
  const changes: Change[] = [];
  const system: Array<Record<string, unknown>> = [];
  const channel = client
    .channel(`notes-${randomUUID()}`)
    .on('system', {}, (message) => system.push(message))
    .on<Note>(
      'postgres_changes',
      { event, schema: 'compat', table: 'rt_notes', ...(filter ? { filter } : {}) } as never,
      (change: Change) => changes.push(change),
    );
  const { status, error } = await subscribe(channel);
  if (status !== 'SUBSCRIBED') throw new Error(`${status}: ${error?.message}`);
  await until(() => system.find((message) => message.extension === 'postgres_changes'));
  return { changes, system, channel };
}

const insert = async (key: string, values: Partial<Note>) => {
  const columns = Object.keys(values);
  const { rows } = await db.query<{ id: string }>(
    `insert into compat.rt_notes (note_key, ${columns.join(', ')}) values ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')}) returning id`,
    [key, ...Object.values(values)],
  );
  return Number(rows[0]!.id); // bigint comes back from pg as a string
};

describe('postgres_changes', () => {
  it('confirms the subscription and echoes the bindings with ids', async () => {
    const { system, channel } = await watch(alice.client);
    expect(system[0]).toEqual({
      extension: 'postgres_changes',
      status: 'ok',
      message: 'Subscribed to PostgreSQL',
      channel: channel.topic.slice('realtime:'.length),
    });
  });

  it("sends INSERT, UPDATE and DELETE in Supabase's payload shape", async () => {
    const key = randomUUID();
    const { changes } = await watch(alice.client, `note_key=eq.${key}`);
    // Each step waits for its event: RLS is checked against the live row, as walrus does, so a
    // row already deleted when its INSERT is checked is not delivered.
    const id = await insert(key, { owner_id: alice.id, body: 'first', priority: 3 });
    await until(() => changes.length === 1);
    await db.query(`update compat.rt_notes set body = 'second' where id = $1`, [id]);
    await until(() => changes.length === 2);
    await db.query(`delete from compat.rt_notes where id = $1`, [id]);
    // The DELETE is filtered on the old row, which only carries the key: the note_key filter
    // passes it (walrus lets a column the WAL does not carry through).
    await until(() => changes.length === 3);
    const [inserted, updated, deleted] = changes as [Change, Change, Change];
    expect(inserted).toMatchObject({
      schema: 'compat',
      table: 'rt_notes',
      eventType: 'INSERT',
      new: { id, owner_id: alice.id, body: 'first', priority: 3, is_public: false, note_key: key },
      old: {},
      errors: null,
    });
    expect(inserted.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(updated).toMatchObject({ eventType: 'UPDATE', new: { id, body: 'second' }, old: { id } });
    expect(deleted).toMatchObject({ eventType: 'DELETE', new: {}, old: { id } });
    expect(Date.now() - Date.parse(inserted.commit_timestamp)).toBeLessThan(60_000);
  });

  it('delivers DELETE with the key of the old row (RLS table: key only)', async () => {
    const key = randomUUID();
    const id = await insert(key, { owner_id: alice.id });
    const { changes } = await watch(alice.client, `id=eq.${id}`, 'DELETE');
    await db.query(`delete from compat.rt_notes where id = $1`, [id]);
    await until(() => changes.length === 1);
    expect(changes[0]).toMatchObject({ eventType: 'DELETE', old: { id }, new: {} });
    expect(Object.keys(changes[0]!.old)).toEqual(['id']);
  });

  it.each([
    ['eq', 'priority=eq.5', [5]],
    ['neq', 'priority=neq.5', [1, 9]],
    ['lt', 'priority=lt.5', [1]],
    ['lte', 'priority=lte.5', [1, 5]],
    ['gt', 'priority=gt.5', [9]],
    ['gte', 'priority=gte.5', [5, 9]],
    ['in', 'priority=in.(1,9)', [1, 9]],
  ])('filters with %s', async (_op, filter, expected) => {
    const key = randomUUID();
    const { changes } = await watch(alice.client, filter, 'INSERT');
    for (const priority of [1, 5, 9]) await insert(key, { owner_id: alice.id, priority });
    const ofThisTest = () => changes.filter((change) => (change.new as Note).note_key === key);
    await until(() => ofThisTest().length >= expected.length);
    await sleep(200);
    expect(ofThisTest().map((change) => (change.new as Note).priority)).toEqual(expected);
  });

  it('an unknown filter column is reported in the system message', async () => {
    const channel = alice.client
      .channel(`notes-${randomUUID()}`)
      .on(
        'postgres_changes',
        { event: '*', schema: 'compat', table: 'rt_notes', filter: 'nope=eq.1' },
        () => {},
      );
    const system: Array<Record<string, unknown>> = [];
    channel.on('system', {}, (message) => system.push(message));
    await subscribe(channel);
    const message = await until(() => system[0]);
    expect(message).toMatchObject({
      extension: 'postgres_changes',
      status: 'error',
      message: 'invalid column for filter nope',
    });
  });
});

describe('postgres_changes under RLS', () => {
  it("user B never receives user A's rows; anon receives only public rows", async () => {
    const key = randomUUID();
    const anon = realtimeClient();
    clients.push(anon);
    const toAlice = await watch(alice.client, `note_key=eq.${key}`);
    const toBob = await watch(bob.client, `note_key=eq.${key}`);
    const toAnon = await watch(anon, `note_key=eq.${key}`);

    const alicePrivate = await insert(key, { owner_id: alice.id, body: 'alice private' });
    const bobPrivate = await insert(key, { owner_id: bob.id, body: 'bob private' });
    await db.query(`update compat.rt_notes set body = 'alice private, edited' where id = $1`, [alicePrivate]);
    const alicePublic = await insert(key, { owner_id: alice.id, body: 'alice public', is_public: true });

    await until(
      () => toAlice.changes.length === 3 && toBob.changes.length === 2 && toAnon.changes.length === 1,
    );
    await sleep(200);
    const ids = (changes: Change[]) =>
      changes.map((change) => `${change.eventType}:${(change.new as Note).id}`);
    expect(ids(toAlice.changes)).toEqual([
      `INSERT:${alicePrivate}`,
      `UPDATE:${alicePrivate}`,
      `INSERT:${alicePublic}`,
    ]);
    expect(ids(toBob.changes)).toEqual([`INSERT:${bobPrivate}`, `INSERT:${alicePublic}`]);
    expect(ids(toAnon.changes)).toEqual([`INSERT:${alicePublic}`]);
  });

  it('loses nothing and delivers nothing twice across a burst of transactions', async () => {
    const key = randomUUID();
    const { changes } = await watch(alice.client, `note_key=eq.${key}`, 'INSERT');
    const total = 200;
    const inserted = await Promise.all(
      Array.from({ length: total }, (_, i) => insert(key, { owner_id: alice.id, priority: i })),
    );
    await until(() => changes.length >= total, 15_000);
    await sleep(300);
    const received = changes.map((change) => (change.new as Note).id);
    expect(received.length).toBe(total);
    expect(new Set(received)).toEqual(new Set(inserted));
  });

  it('a multi-row transaction arrives row by row with one commit timestamp', async () => {
    const key = randomUUID();
    const { changes } = await watch(alice.client, `note_key=eq.${key}`, 'INSERT');
    await db.query(
      `insert into compat.rt_notes (note_key, owner_id, priority) select $1, $2, g from generate_series(1, 5) g`,
      [key, alice.id],
    );
    await until(() => changes.length === 5);
    expect(changes.map((change) => (change.new as Note).priority)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(changes.map((change) => change.commit_timestamp)).size).toBe(1);
  });
});

describe('postgres_changes and column privileges', () => {
  it('leaves out the columns the subscriber may not select', async () => {
    const changes: Array<{ new: Record<string, unknown> }> = [];
    const system: Array<Record<string, unknown>> = [];
    const channel = alice.client
      .channel(`secrets-${randomUUID()}`)
      .on('system', {}, (message) => system.push(message))
      .on('postgres_changes', { event: 'INSERT', schema: 'compat', table: 'rt_secrets' }, (change) =>
        changes.push(change as never),
      );
    await subscribe(channel);
    await until(() => system.find((message) => message.extension === 'postgres_changes'));
    await db.query(
      `insert into compat.rt_secrets (owner_id, label, secret) values ($1, 'api key', 'sk-123')`,
      [alice.id],
    );
    await until(() => changes.length === 1);
    expect(Object.keys(changes[0]!.new).sort()).toEqual(['id', 'label', 'owner_id']);
    expect(JSON.stringify(changes[0])).not.toContain('sk-123');
  });
});
