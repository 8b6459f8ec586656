/**
 * Shared setup of the REST compatibility suite: the `compat` fixture schema (applied as superuser,
 * idempotently), users signed up through the local Auth API, and supabase-js clients per identity.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { WebSocketLikeConstructor } from '@supabase/realtime-js';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the test platform provides it)`);
  return value;
};

export const restUrl = () => `${env('SUPABASE_URL')}/rest/v1`;
export const anonKey = () => env('SUPABASE_ANON_KEY');
export const serviceRoleKey = () => env('SUPABASE_SERVICE_ROLE_KEY');

/**
 * Node 20 has no global WebSocket and supabase-js builds its Realtime client eagerly; this suite
 * never opens a channel, so the transport only has to exist (and fail loudly if ever used).
 */
class NoRealtimeInTheseTests {
  constructor() {
    throw new Error('Realtime is not available in the REST API tests');
  }
}

const clientOptions = {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  realtime: { transport: NoRealtimeInTheseTests as unknown as WebSocketLikeConstructor },
};

/** A supabase-js client on schema `compat`, anonymous unless a token is given. */
export function compatClient(options: { key?: string; accessToken?: string } = {}) {
  const headers: Record<string, string> = options.accessToken
    ? { Authorization: `Bearer ${options.accessToken}` }
    : {};
  return createClient(env('SUPABASE_URL'), options.key ?? anonKey(), {
    ...clientOptions,
    db: { schema: 'compat' },
    global: { headers },
  });
}

export type CompatClient = ReturnType<typeof compatClient>;

export const serviceClient = () => compatClient({ key: serviceRoleKey() });

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env('DATABASE_URL') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Applies fixture.sql and waits until the API's schema cache has it (the reload is asynchronous). */
export async function setupCompatSchema(): Promise<void> {
  const sql = readFileSync(new URL('./fixture.sql', import.meta.url), 'utf8');
  await withDatabase(async (client) => {
    await client.query('begin');
    await client.query(sql);
    await client.query('commit');
  });
  let last = '';
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${restUrl()}/rpc/project_total`, {
      method: 'POST',
      headers: { apikey: serviceRoleKey(), 'content-profile': 'compat' },
    });
    if (response.status === 200) return;
    last = `${response.status} ${await response.text()}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the REST schema cache never saw the compat fixture: ${last}`);
}

export interface TestUser {
  id: string;
  email: string;
  accessToken: string;
  client: CompatClient;
}

/** A user signed up through /auth/v1 with supabase-js; its client carries the session. */
export async function createTestUser(label: string): Promise<TestUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const client = compatClient();
  const { data, error } = await client.auth.signUp({ email, password: `pw-${randomUUID()}` });
  if (error || !data.session || !data.user)
    throw new Error(`sign-up of ${email} failed: ${error?.message ?? 'no session'}`);
  return { id: data.user.id, email, accessToken: data.session.access_token, client };
}

/** Raw HTTP against /rest/v1 for what supabase-js cannot express (HEAD bodies, bad headers). */
export async function rest(
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${restUrl()}${path}`, {
    ...init,
    headers: { apikey: anonKey(), 'accept-profile': 'compat', 'content-profile': 'compat', ...init.headers },
  });
}
