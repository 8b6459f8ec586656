/**
 * Broadcast through the real supabase-js client: public channels with `self`/`ack`, private
 * channels authorised by RLS on realtime.messages (read and write), the REST broadcast, and
 * broadcasts written by a database transaction (realtime.send / broadcast_changes) on commit.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyFixture,
  env,
  realtimeClient,
  signedUpUser,
  sleep,
  subscribe,
  subscribed,
  superuser,
  until,
  type RealtimeUser,
} from './helpers';

const db = superuser();
let alice: RealtimeUser;
let bob: RealtimeUser;
const clients: SupabaseClient[] = [];
const track = (client: SupabaseClient) => (clients.push(client), client);

beforeAll(async () => {
  await applyFixture();
  alice = await signedUpUser('rt-alice');
  bob = await signedUpUser('rt-bob');
  clients.push(alice.client, bob.client);
});
afterEach(async () => {
  for (const client of clients) await client.removeAllChannels();
});
afterAll(() => db.end());

describe.each(['1.0.0', '2.0.0'] as const)('public broadcast (serializer %s)', (vsn) => {
  it('delivers to every other subscriber; `self` and `ack` as configured', async () => {
    const topic = `room-${randomUUID()}`;
    const sender = track(realtimeClient({ vsn }));
    const receiver = track(realtimeClient({ vsn }));
    const toSender: unknown[] = [];
    const toReceiver: unknown[] = [];
    const senderChannel = await subscribed(
      sender
        .channel(topic, { config: { broadcast: { self: false, ack: true } } })
        .on('broadcast', { event: 'move' }, (m) => toSender.push(m)),
    );
    await subscribed(receiver.channel(topic).on('broadcast', { event: 'move' }, (m) => toReceiver.push(m)));

    expect(await senderChannel.send({ type: 'broadcast', event: 'move', payload: { x: 1 } })).toBe('ok');
    await until(() => toReceiver.length === 1);
    await sleep(100);
    expect(toReceiver).toEqual([{ type: 'broadcast', event: 'move', payload: { x: 1 } }]);
    expect(toSender).toEqual([]);

    const selfChannel = await subscribed(
      track(realtimeClient({ vsn }))
        .channel(`${topic}-self`, { config: { broadcast: { self: true } } })
        .on('broadcast', { event: 'echo' }, (m) => toSender.push(m)),
    );
    await selfChannel.send({ type: 'broadcast', event: 'echo', payload: { back: true } });
    await until(() => toSender.length === 1);
  });
});

describe('private channels (RLS on realtime.messages)', () => {
  it("lets the user whose policy allows it join, and refuses others with Realtime's reason", async () => {
    const topic = `compat-private:${alice.id}`;
    const joined = await subscribe(alice.client.channel(topic, { config: { private: true } }));
    expect(joined.status).toBe('SUBSCRIBED');

    const refused = await subscribe(bob.client.channel(topic, { config: { private: true } }));
    expect(refused.status).toBe('CHANNEL_ERROR');
    expect(refused.error?.message).toContain(
      `Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`,
    );

    const anonymous = await subscribe(track(realtimeClient()).channel(topic, { config: { private: true } }));
    expect(anonymous.status).toBe('CHANNEL_ERROR');
  });

  it('drops broadcasts from a member whose write policy refuses them', async () => {
    const topic = `compat-readonly:${randomUUID()}`;
    const received: unknown[] = [];
    await subscribed(
      alice.client
        .channel(topic, { config: { private: true } })
        .on('broadcast', { event: 'x' }, (m) => received.push(m)),
    );
    const writer = await subscribed(
      bob.client.channel(topic, { config: { private: true, broadcast: { ack: true } } }),
    );
    // Realtime does not answer a refused private broadcast: the ack never comes.
    expect(await writer.send({ type: 'broadcast', event: 'x', payload: {} }, { timeout: 500 })).toBe(
      'timed out',
    );
    await sleep(200);
    expect(received).toEqual([]);
  });

  it('a public channel of the same name does not see private broadcasts', async () => {
    const topic = `compat-private:${alice.id}`;
    const onPublic: unknown[] = [];
    const onPrivate: unknown[] = [];
    await subscribed(bob.client.channel(topic).on('broadcast', { event: 'secret' }, (m) => onPublic.push(m)));
    const privateChannel = await subscribed(
      alice.client
        .channel(topic, { config: { private: true, broadcast: { self: true, ack: true } } })
        .on('broadcast', { event: 'secret' }, (m) => onPrivate.push(m)),
    );
    expect(await privateChannel.send({ type: 'broadcast', event: 'secret', payload: { pin: 1234 } })).toBe(
      'ok',
    );
    await until(() => onPrivate.length === 1);
    await sleep(100);
    expect(onPublic).toEqual([]);
  });
});

describe('REST broadcast (POST /realtime/v1/api/broadcast)', () => {
  const post = (path: string, token: string, body: unknown, apikey = env.anonKey) =>
    fetch(`${env.url}/realtime/v1/api${path}`, {
      method: 'POST',
      headers: { apikey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('delivers a service-role batch to public and private channels with 202', async () => {
    const topic = `compat-private:${alice.id}`;
    const received: unknown[] = [];
    await subscribed(
      alice.client
        .channel(topic, { config: { private: true } })
        .on('broadcast', { event: 'server' }, (m) => received.push(m)),
    );
    const response = await post('/broadcast', env.serviceRoleKey, {
      messages: [{ topic, event: 'server', payload: { from: 'function' }, private: true }],
    });
    expect(response.status).toBe(202);
    await until(() => received.length === 1);
    expect(received[0]).toEqual({ type: 'broadcast', event: 'server', payload: { from: 'function' } });
  });

  it('skips private messages the caller may not write, refuses bad tokens and empty batches', async () => {
    const topic = `compat-private:${alice.id}`;
    const received: unknown[] = [];
    await subscribed(
      alice.client
        .channel(topic, { config: { private: true } })
        .on('broadcast', { event: 'spoof' }, (m) => received.push(m)),
    );
    const asBob = await post('/broadcast', bob.accessToken, {
      messages: [{ topic, event: 'spoof', payload: {}, private: true }],
    });
    expect(asBob.status).toBe(202);
    const single = await fetch(
      `${env.url}/realtime/v1/api/broadcast/${encodeURIComponent(topic)}/events/spoof?private=true`,
      {
        method: 'POST',
        headers: {
          apikey: env.anonKey,
          authorization: `Bearer ${bob.accessToken}`,
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(single.status).toBe(403);
    await sleep(200);
    expect(received).toEqual([]);

    expect((await post('/broadcast', 'not-a-token', { messages: [] }, 'nope')).status).toBe(401);
    expect((await post('/broadcast', env.serviceRoleKey, { messages: [] })).status).toBe(422);
  });
});

describe('broadcast from the database', () => {
  it('realtime.send() delivers on commit, never on rollback', async () => {
    const topic = `compat-private:${alice.id}`;
    const received: Array<{ payload: Record<string, unknown> }> = [];
    await subscribed(
      alice.client
        .channel(topic, { config: { private: true } })
        .on('broadcast', { event: 'db' }, (m) => received.push(m as never)),
    );
    const client = await db.connect();
    try {
      await client.query('begin');
      await client.query(`select realtime.send('{"n": 1}', 'db', $1, true)`, [topic]);
      await client.query('rollback');
      await client.query('begin');
      await client.query(`select realtime.send('{"n": 2}', 'db', $1, true)`, [topic]);
      await sleep(150);
      expect(received).toEqual([]);
      await client.query('commit');
    } finally {
      client.release();
    }
    await until(() => received.length === 1);
    await sleep(150);
    expect(received.map((m) => m.payload.n)).toEqual([2]);
    expect(received[0]!.payload.id).toEqual(expect.any(String));
  });

  it("realtime.broadcast_changes() from a trigger carries the row, for the topic's readers only", async () => {
    const topic = `compat-private:${alice.id}`;
    const received: Array<{ payload: Record<string, unknown> }> = [];
    await subscribed(
      alice.client
        .channel(topic, { config: { private: true } })
        .on('broadcast', { event: 'INSERT' }, (m) => received.push(m as never)),
    );
    await db.query(
      `select realtime.broadcast_changes($1, 'INSERT', 'INSERT', 'rt_notes', 'compat', row(1, 'hello')::record, null)`,
      [topic],
    );
    await until(() => received.length === 1);
    expect(received[0]!.payload).toMatchObject({
      operation: 'INSERT',
      table: 'rt_notes',
      schema: 'compat',
      old_record: null,
    });
  });
});

describe('binary broadcast (serializer 2.0.0)', () => {
  it('carries bytes from httpSend to subscribers unchanged', async () => {
    const topic = `bytes-${randomUUID()}`;
    const received: Array<{ payload: ArrayBuffer }> = [];
    const channel = await subscribed(
      track(realtimeClient({ vsn: '2.0.0' }))
        .channel(topic)
        .on('broadcast', { event: 'blob' }, (m) => received.push(m as never)),
    );
    expect(await channel.httpSend('blob', new Uint8Array([0, 1, 254, 255]))).toEqual({ success: true });
    await until(() => received.length === 1);
    expect([...new Uint8Array(received[0]!.payload)]).toEqual([0, 1, 254, 255]);
  });
});
