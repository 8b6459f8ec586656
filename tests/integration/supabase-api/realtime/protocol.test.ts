/**
 * The Phoenix protocol of the local Realtime server on the wire: the upgrade's auth errors,
 * heartbeats, join/leave, and bad frames answered as Realtime answers them without harming the
 * connection or its other channels.
 */
import { SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { applyFixture, env, RawSocket, sleep, until } from './helpers';

const wsBase = () => `${env.url.replace(/^http/, 'ws')}/realtime/v1/websocket`;

/** The HTTP answer to an upgrade the server refuses. */
function refusedUpgrade(query: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase()}?${query}`);
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => {});
  });
}

const sign = (claims: Record<string, unknown>, secret = env.jwtSecret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

let sockets: RawSocket[] = [];
const open = async (query?: Record<string, string>) => {
  const socket = await RawSocket.open(query);
  sockets.push(socket);
  return socket;
};

beforeAll(applyFixture);
afterEach(() => {
  for (const socket of sockets) socket.close();
  sockets = [];
});

describe('the WebSocket upgrade', () => {
  it('refuses a missing API key with 401 "API key is missing"', async () => {
    expect(await refusedUpgrade('vsn=2.0.0')).toEqual({ status: 401, body: { error: 'API key is missing' } });
  });

  it('refuses a token that is not a JWT, a forged one and an expired one, never falling back to anon', async () => {
    expect(await refusedUpgrade('apikey=not-a-jwt&vsn=2.0.0')).toEqual({
      status: 401,
      body: { error: 'The token provided is not a valid JWT' },
    });
    const forged = await sign(
      { role: 'service_role', exp: Math.floor(Date.now() / 1000) + 60 },
      'x'.repeat(40),
    );
    expect(await refusedUpgrade(`apikey=${forged}&vsn=2.0.0`)).toEqual({
      status: 401,
      body: { error: 'Failed to validate JWT signature' },
    });
    const expired = await sign({ role: 'anon', exp: Math.floor(Date.now() / 1000) - 10 });
    expect(await refusedUpgrade(`apikey=${expired}&vsn=2.0.0`)).toEqual({
      status: 401,
      body: { error: 'Token has expired' },
    });
    const noExp = await sign({ role: 'anon' });
    expect(await refusedUpgrade(`apikey=${noExp}&vsn=2.0.0`)).toEqual({
      status: 401,
      body: { error: 'Fields `role` and `exp` are required in JWT' },
    });
  });
});

describe('frames', () => {
  it('answers heartbeats on the phoenix topic', async () => {
    const socket = await open();
    const ref = socket.push('phoenix', 'heartbeat', {});
    expect(await socket.reply(ref)).toEqual({ status: 'ok', response: {} });
  });

  it('speaks serializer 1.0.0 as JSON objects', async () => {
    const ws = new WebSocket(`${wsBase()}?apikey=${env.anonKey}&vsn=1.0.0`);
    await new Promise((resolve) => ws.once('open', resolve));
    const received: unknown[] = [];
    ws.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ topic: 'phoenix', event: 'heartbeat', payload: {}, ref: '7', join_ref: null }));
    expect(await until(() => received[0])).toEqual({
      topic: 'phoenix',
      event: 'phx_reply',
      payload: { status: 'ok', response: {} },
      ref: '7',
      join_ref: null,
    });
    ws.close();
  });

  it('joins, replies with the join ref, and leaves with phx_close', async () => {
    const socket = await open();
    const joined = await socket.join('realtime:protocol-room');
    expect(joined.status).toBe('ok');
    expect(joined.response).toEqual({ postgres_changes: [] });
    const leaveRef = socket.push('realtime:protocol-room', 'phx_leave', {}, joined.joinRef);
    expect(await socket.reply(leaveRef)).toEqual({ status: 'ok', response: {} });
    const close = await until(() => socket.frames.find((frame) => frame[3] === 'phx_close'));
    expect(close).toEqual([joined.joinRef, null, 'realtime:protocol-room', 'phx_close', {}]);
  });

  it('refuses an empty topic name and a topic outside realtime:*', async () => {
    const socket = await open();
    expect((await socket.join('realtime:')).response).toEqual({
      reason: 'TopicNameRequired: You must provide a topic name',
    });
    expect(await socket.join('elsewhere:room')).toMatchObject({
      status: 'error',
      response: { reason: 'unmatched topic' },
    });
  });

  it('answers a push to a topic it has not joined with "unmatched topic"', async () => {
    const socket = await open();
    const ref = socket.push(
      'realtime:never-joined',
      'broadcast',
      { type: 'broadcast', event: 'x', payload: {} },
      '99',
    );
    expect(await socket.reply(ref)).toEqual({ status: 'error', response: { reason: 'unmatched topic' } });
  });

  it('ignores malformed JSON, wrong shapes and unknown events; the connection and its channels go on', async () => {
    const socket = await open();
    const receiver = await open();
    const joined = await socket.join('realtime:bad-frames', {
      config: {
        broadcast: { self: true, ack: true },
        presence: { enabled: false },
        postgres_changes: [],
        private: false,
      },
    });
    await receiver.join('realtime:bad-frames');

    socket.sendRaw('{"not json');
    socket.sendRaw('{"an":"object, not the 2.0.0 array"}');
    socket.sendRaw(Buffer.from([9, 9, 9]));
    const unknownRef = socket.push('realtime:bad-frames', 'no_such_event', {}, joined.joinRef);
    await sleep(100);
    expect(socket.frames.filter((frame) => frame[1] === unknownRef)).toEqual([]);

    const ref = socket.push(
      'realtime:bad-frames',
      'broadcast',
      { type: 'broadcast', event: 'still-alive', payload: { n: 1 } },
      joined.joinRef,
    );
    expect(await socket.reply(ref)).toEqual({ status: 'ok', response: {} });
    const delivered = await until(() => receiver.frames.find((frame) => frame[3] === 'broadcast'));
    expect(delivered[4]).toEqual({ type: 'broadcast', event: 'still-alive', payload: { n: 1 } });
    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses an oversize broadcast (over 3,000 kB) with an error reply and keeps the channel', async () => {
    const socket = await open();
    const receiver = await open();
    const joined = await socket.join('realtime:oversize', {
      config: {
        broadcast: { self: false, ack: true },
        presence: { enabled: false },
        postgres_changes: [],
        private: false,
      },
    });
    await receiver.join('realtime:oversize');
    const big = 'x'.repeat(3_100_000);
    const ref = socket.push(
      'realtime:oversize',
      'broadcast',
      { type: 'broadcast', event: 'big', payload: { big } },
      joined.joinRef,
    );
    expect(await socket.reply(ref)).toEqual({ status: 'error', response: 'payload_size_exceeded' });
    const small = socket.push(
      'realtime:oversize',
      'broadcast',
      { type: 'broadcast', event: 'small', payload: {} },
      joined.joinRef,
    );
    expect((await socket.reply(small)).status).toBe('ok');
    await until(() => receiver.frames.find((frame) => frame[3] === 'broadcast'));
    expect(
      receiver.frames.filter((frame) => frame[3] === 'broadcast').map((frame) => frame[4].event),
    ).toEqual(['small']);
  });

  it('closes the connection on a frame over 5 MB (the server frame limit, like cowboy: 1009)', async () => {
    const socket = await open();
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    socket.sendRaw('x'.repeat(5_100_000));
    expect(await closed).toBe(1009);
  });
});
