/**
 * Tokens, heartbeats and reconnects through the real supabase-js client: an invalid or expired
 * token is refused with Realtime's reason (never silently anonymous), an expiring token shuts the
 * channel with Realtime's `system` message unless a refreshed one is pushed in time, heartbeats
 * are answered, and a dropped connection comes back with its channels rejoined.
 */
import { randomUUID } from 'node:crypto';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyFixture,
  env,
  realtimeClient,
  signedUpUser,
  sleep,
  subscribe,
  subscribed,
  until,
  type RealtimeUser,
} from './helpers';

const clients: SupabaseClient[] = [];
const track = (client: SupabaseClient) => (clients.push(client), client);
let alice: RealtimeUser;

const userToken = (sub: string, expiresInSeconds: number, secret = env.jwtSecret) =>
  new SignJWT({
    sub,
    role: 'authenticated',
    aud: 'authenticated',
    exp: Math.floor(Date.now() / 1000) + expiresInSeconds,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));

beforeAll(async () => {
  await applyFixture();
  alice = await signedUpUser('rt-conn');
  clients.push(alice.client);
});
afterEach(async () => {
  for (const client of clients) await client.removeAllChannels();
});

describe('tokens', () => {
  it('refuses a join with an expired or forged access token', async () => {
    const expired = await userToken(alice.id, -5);
    const withExpired = track(realtimeClient({ accessToken: async () => expired }));
    // The join carries the token realtime-js holds; fetch it from the callback before joining.
    await withExpired.realtime.setAuth();
    const refused = await subscribe(withExpired.channel(`room-${randomUUID()}`));
    expect(refused.status).toBe('CHANNEL_ERROR');
    expect(refused.error?.message).toMatch(/InvalidJWTToken: Token has expired \d+ seconds ago/);

    const forged = await userToken(alice.id, 60, 'f'.repeat(40));
    const withForged = track(realtimeClient({ accessToken: async () => forged }));
    await withForged.realtime.setAuth();
    const refusedForged = await subscribe(withForged.channel(`room-${randomUUID()}`));
    expect(refusedForged.status).toBe('CHANNEL_ERROR');
    expect(refusedForged.error?.message).toContain('JwtSignatureError: Failed to validate JWT signature');
  });

  it('closes a channel whose token expires with the `system` message Realtime sends', async () => {
    const token = await userToken(alice.id, 2);
    const client = track(realtimeClient({ accessToken: async () => token }));
    await client.realtime.setAuth();
    const system: Array<Record<string, unknown>> = [];
    const topic = `compat-private:${alice.id}`;
    const channel = await subscribed(
      client
        .channel(topic, { config: { private: true } })
        .on('system', {}, (message) => system.push(message)),
    );
    const error = await until(() => system.find((message) => message.status === 'error'), 6000);
    expect(error).toMatchObject({ extension: 'system', channel: topic });
    expect(error.message).toMatch(/^Token has expired \d+ seconds ago$/);
    await until(
      () => channel.state === 'closed' || channel.state === 'errored' || channel.state === 'joining',
      3000,
    );
  });

  it('keeps the channel when a refreshed token is pushed before the old one expires', async () => {
    // The app's session refreshes after the join; realtime-js pushes it on its next heartbeat.
    let current = await userToken(alice.id, 2);
    const client = track(realtimeClient({ heartbeatIntervalMs: 500, accessToken: async () => current }));
    await client.realtime.setAuth();
    const system: Array<Record<string, unknown>> = [];
    const received: unknown[] = [];
    const topic = `compat-private:${alice.id}`;
    const channel = await subscribed(
      client
        .channel(topic, { config: { private: true, broadcast: { self: true, ack: true } } })
        .on('system', {}, (message) => system.push(message))
        .on('broadcast', { event: 'after' }, (message) => received.push(message)),
    );
    current = await userToken(alice.id, 3600);
    await sleep(3500);
    expect(system.filter((message) => message.status === 'error')).toEqual([]);
    expect(channel.state).toBe('joined');
    expect(await channel.send({ type: 'broadcast', event: 'after', payload: {} })).toBe('ok');
    await until(() => received.length === 1);
  });
});

describe('heartbeats and reconnects', () => {
  it('answers every heartbeat', async () => {
    const client = track(realtimeClient({ heartbeatIntervalMs: 200 }));
    const statuses: string[] = [];
    client.realtime.onHeartbeat((status) => statuses.push(status));
    await subscribed(client.channel(`room-${randomUUID()}`));
    await until(() => statuses.filter((status) => status === 'ok').length >= 3, 3000);
    expect(statuses).not.toContain('timeout');
  });

  it('rejoins its channels after the connection drops and receives again', async () => {
    const topic = `room-${randomUUID()}`;
    const listener = track(realtimeClient());
    const sender = track(realtimeClient());
    const received: Array<{ payload: { n: number } }> = [];
    const statuses: string[] = [];
    listener
      .channel(topic)
      .on('broadcast', { event: 'n' }, (message) => received.push(message as never))
      .subscribe((status) => statuses.push(status));
    await until(() => statuses.includes('SUBSCRIBED'));
    const senderChannel: RealtimeChannel = await subscribed(
      sender.channel(topic, { config: { broadcast: { ack: true } } }),
    );

    // A network drop: the client's WebSocket dies without a close handshake.
    (
      listener.realtime as unknown as { socketAdapter: { getSocket(): { conn: { terminate(): void } } } }
    ).socketAdapter
      .getSocket()
      .conn.terminate();
    await until(() => statuses.filter((status) => status === 'SUBSCRIBED').length >= 2, 8000);
    expect(await senderChannel.send({ type: 'broadcast', event: 'n', payload: { n: 2 } })).toBe('ok');
    await until(() => received.some((message) => message.payload.n === 2));
  });
});
