/**
 * Helpers for the Auth API tests: real supabase-js clients against the local API started by the
 * global setup, unique test users, the dev outbox and a superuser connection for assertions.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocketLikeConstructor } from '@supabase/realtime-js';
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { readOutbox, type SentEmail } from '../../../../dev/outbox';

export const env = {
  url: process.env.SUPABASE_URL!,
  anonKey: process.env.SUPABASE_ANON_KEY!,
  serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY!,
  databaseUrl: process.env.DATABASE_URL!,
  appUrl: process.env.APP_URL!,
  outboxDir: process.env.LOCAL_OUTBOX_DIR!,
  jwtSecret: process.env.SUPABASE_JWT_SECRET!,
};

/**
 * Node 20 has no global WebSocket and supabase-js builds its Realtime client eagerly; these tests
 * never open a channel, so the transport only has to exist (and fail loudly if ever used).
 */
class NoRealtimeInTheseTests {
  constructor() {
    throw new Error('Realtime is not available in the Auth API tests');
  }
}

const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: NoRealtimeInTheseTests as unknown as WebSocketLikeConstructor },
};

export function anonClient(url = env.url): SupabaseClient {
  return createClient(url, env.anonKey, clientOptions);
}

export function serviceClient(url = env.url): SupabaseClient {
  return createClient(url, env.serviceRoleKey, clientOptions);
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  client: SupabaseClient;
  email: string;
  password: string;
  session: Session;
}

/** Signs up a fresh user (autoconfirm) with its own client holding the session. */
export async function signedUpUser(label: string, data: Record<string, unknown> = {}): Promise<TestUser> {
  const client = anonClient();
  const email = uniqueEmail(label);
  const { data: result, error } = await client.auth.signUp({ email, password: PASSWORD, options: { data } });
  if (error || !result.session) throw error ?? new Error('sign-up returned no session');
  return { client, email, password: PASSWORD, session: result.session };
}

/** Another signed-in client (another device) for an existing user. */
export async function signIn(email: string, password = PASSWORD): Promise<SupabaseClient> {
  const client = anonClient();
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return client;
}

export function claimsOf(accessToken: string): Record<string, unknown> {
  return decodeJwt(accessToken) as Record<string, unknown>;
}

/** A superuser pool for assertions and fixtures; end it in afterAll. */
export function superuser(): pg.Pool {
  return new pg.Pool({ connectionString: env.databaseUrl, max: 2 });
}

/** Waits for the newest email of a kind sent to an address (the outbox is written synchronously, so briefly). */
export async function latestEmail(to: string, kind: string, outboxDir = env.outboxDir): Promise<SentEmail> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const emails = (await readOutbox(outboxDir)).filter((email) => email.to === to && email.kind === kind);
    const last = emails.at(-1);
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${kind} email for ${to} in ${outboxDir}`);
}

export async function emailsTo(to: string, outboxDir = env.outboxDir): Promise<SentEmail[]> {
  return (await readOutbox(outboxDir)).filter((email) => email.to === to);
}

/** Follows an email link without a browser: the 303 target and its fragment parameters. */
export async function followLink(
  link: string,
): Promise<{ location: URL; fragment: URLSearchParams; status: number }> {
  const response = await fetch(link, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  return { location, fragment: new URLSearchParams(location.hash.slice(1)), status: response.status };
}

/** Raw HTTP to /auth/v1, for what supabase-js hides (status codes, headers, legacy shapes). */
export async function authFetch(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    apiVersion?: string | null;
  } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> | null }> {
  const headers: Record<string, string> = { apikey: env.anonKey, ...init.headers };
  if (init.apiVersion !== null) headers['x-supabase-api-version'] = init.apiVersion ?? '2024-01-01';
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${env.url}/auth/v1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/**
 * A client in PKCE mode, as the SPA is: its code verifiers live in this client's own memory, so a
 * second client stands for a second browser that never asked for the link.
 */
export function pkceClient(url = env.url): SupabaseClient {
  const memory = new Map<string, string>();
  return createClient(url, env.anonKey, {
    ...clientOptions,
    auth: {
      ...clientOptions.auth,
      flowType: 'pkce',
      storage: {
        getItem: (key) => memory.get(key) ?? null,
        setItem: (key, value) => void memory.set(key, value),
        removeItem: (key) => void memory.delete(key),
      },
    },
  });
}
