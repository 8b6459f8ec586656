/**
 * Presence through realtime-js's presence API: track, sync, join/leave diffs, untrack, and a
 * disconnect removing the member; on a private channel the presence policies decide.
 */
import { randomUUID } from 'node:crypto';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyFixture, realtimeClient, signedUpUser, subscribed, until, type RealtimeUser } from './helpers';

const clients: SupabaseClient[] = [];
const track = (client: SupabaseClient) => (clients.push(client), client);
let alice: RealtimeUser;

beforeAll(async () => {
  await applyFixture();
  alice = await signedUpUser('presence');
  clients.push(alice.client);
});
afterEach(async () => {
  for (const client of clients) await client.removeAllChannels();
});

const members = (channel: RealtimeChannel) =>
  Object.entries(channel.presenceState())
    .map(([key, metas]) => `${key}:${(metas as Array<{ name?: string }>).map((meta) => meta.name).join(',')}`)
    .sort();

describe.each(['1.0.0', '2.0.0'] as const)('presence (serializer %s)', (vsn) => {
  it('syncs tracked members between clients, with join and leave events', async () => {
    const topic = `lobby-${randomUUID()}`;
    const joins: string[] = [];
    const leaves: string[] = [];
    const first = track(realtimeClient({ vsn }))
      .channel(topic, { config: { presence: { key: 'ada' } } })
      .on('presence', { event: 'join' }, ({ key }) => joins.push(key))
      .on('presence', { event: 'leave' }, ({ key }) => leaves.push(key));
    await subscribed(first);
    expect(await first.track({ name: 'Ada' })).toBe('ok');

    const secondClient = track(realtimeClient({ vsn }));
    const second = secondClient
      .channel(topic, { config: { presence: { key: 'bob' } } })
      .on('presence', { event: 'sync' }, () => {});
    await subscribed(second);
    await until(() => members(second).includes('ada:Ada'));
    expect(await second.track({ name: 'Bob' })).toBe('ok');
    await until(() => members(first).length === 2);
    expect(members(first)).toEqual(['ada:Ada', 'bob:Bob']);
    expect(joins).toContain('bob');

    expect(await second.untrack()).toBe('ok');
    await until(() => members(first).length === 1);
    expect(leaves).toContain('bob');

    await second.track({ name: 'Bob again' });
    await until(() => members(first).includes('bob:Bob again'));
    await secondClient.removeAllChannels();
    await until(() => members(first).length === 1);
    expect(members(first)).toEqual(['ada:Ada']);
  });
});

describe('private presence', () => {
  it('is readable and writable where the policy allows', async () => {
    const topic = `compat-private:${alice.id}`;
    const channel = alice.client.channel(topic, { config: { private: true, presence: { key: 'me' } } });
    channel.on('presence', { event: 'sync' }, () => {});
    await subscribed(channel);
    expect(await channel.track({ name: 'Alice' })).toBe('ok');
    await until(() => members(channel).includes('me:Alice'));
  });
});
