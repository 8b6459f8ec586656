/**
 * Helpers of the Realtime compatibility suite: real supabase-js clients (with `ws` as their
 * WebSocket, Node 20 has none) against the local API started by the global setup, users signed up
 * through the local Auth API, raw Phoenix sockets for what supabase-js hides, and the fixture.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WebSocketLikeConstructor } from '@supabase/realtime-js';
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import WebSocket from 'ws';

export const env = {
  url: process.env.SUPABASE_URL!,
  anonKey: process.env.SUPABASE_ANON_KEY!,
  serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY!,
  databaseUrl: process.env.DATABASE_URL!,
  jwtSecret: process.env.SUPABASE_JWT_SECRET!,
};

export function realtimeClient(
  options: {
    key?: string;
    vsn?: '1.0.0' | '2.0.0';
    accessToken?: () => Promise<string>;
    heartbeatIntervalMs?: number;
  } = {},
): SupabaseClient {
  return createClient(env.url, options.key ?? env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    realtime: {
      transport: WebSocket as unknown as WebSocketLikeConstructor,
      ...(options.vsn ? { vsn: options.vsn } : {}),
      ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    },
  });
}

export interface RealtimeUser {
  client: SupabaseClient;
  id: string;
  accessToken: string;
}

export async function signedUpUser(label: string, vsn?: '1.0.0' | '2.0.0'): Promise<RealtimeUser> {
  const client = realtimeClient({ vsn });
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const { data, error } = await client.auth.signUp({ email, password: 'correct horse battery' });
  if (error || !data.session) throw error ?? new Error('sign-up returned no session');
  // supabase-js hands the session to Realtime from its auth listener; make sure it has.
  await client.realtime.setAuth(data.session.access_token);
  return { client, id: data.session.user.id, accessToken: data.session.access_token };
}

export interface Subscribed {
  status: string;
  error?: Error;
}

/** Subscribes and resolves with the first terminal status (SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT, CLOSED). */
export function subscribe(channel: RealtimeChannel): Promise<Subscribed> {
  return new Promise((resolve) => {
    channel.subscribe((status, error) => resolve({ status, error }));
  });
}

export async function subscribed(channel: RealtimeChannel): Promise<RealtimeChannel> {
  const result = await subscribe(channel);
  if (result.status !== 'SUBSCRIBED')
    throw new Error(`channel ${channel.topic}: ${result.status} ${result.error?.message}`);
  return channel;
}

export async function until<T>(read: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function superuser(): pg.Pool {
  return new pg.Pool({ connectionString: env.databaseUrl, max: 3 });
}

export async function applyFixture(): Promise<void> {
  // By path from the project root: jsdom test files import this too, where import.meta.url is not file:.
  const sql = readFileSync(path.resolve('tests/integration/supabase-api/realtime/fixture.sql'), 'utf8');
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(sql);
    await client.query('commit');
  } finally {
    await client.end();
  }
}

export type RawFrame = [string | null, string | null, string, string, Record<string, unknown>];

/** A raw Phoenix socket speaking serializer 2.0.0, collecting every text frame it receives. */
export class RawSocket {
  readonly frames: RawFrame[] = [];
  readonly binaries: Buffer[] = [];
  private ref = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.binaries.push(data);
      else this.frames.push(JSON.parse(data.toString()) as RawFrame);
    });
  }

  static async open(query: Record<string, string> = {}): Promise<RawSocket> {
    const params = new URLSearchParams({ apikey: env.anonKey, vsn: '2.0.0', ...query });
    const ws = new WebSocket(`${env.url.replace(/^http/, 'ws')}/realtime/v1/websocket?${params}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawSocket(ws);
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Pushes a frame and returns its ref. */
  push(
    topic: string,
    event: string,
    payload: Record<string, unknown>,
    joinRef: string | null = null,
  ): string {
    const ref = String(++this.ref);
    this.ws.send(JSON.stringify([joinRef, ref, topic, event, payload]));
    return ref;
  }

  async reply(ref: string): Promise<{ status: string; response: Record<string, unknown> }> {
    const frame = await until(() => this.frames.find((f) => f[1] === ref && f[3] === 'phx_reply'));
    return frame[4] as { status: string; response: Record<string, unknown> };
  }

  async join(
    topic: string,
    payload: Record<string, unknown> = {},
  ): Promise<{ joinRef: string; status: string; response: Record<string, unknown> }> {
    const joinRef = String(this.ref + 1);
    const ref = this.push(
      topic,
      'phx_join',
      {
        config: {
          broadcast: { self: false, ack: false },
          presence: { key: '', enabled: false },
          postgres_changes: [],
          private: false,
        },
        access_token: env.anonKey,
        ...payload,
      },
      joinRef,
    );
    return { joinRef, ...(await this.reply(ref)) };
  }

  close(): void {
    this.ws.close();
  }
}
