/**
 * Shared setup of the REST compatibility suite: the `compat` fixture schema (applied as superuser,
 * idempotently) and users with signed access tokens, plus supabase-js clients for each identity.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { WebSocketLikeConstructor } from '@supabase/realtime-js';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';
import { signJwt } from '../../../../dev/supabase/jwt';

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
  const headers: Record<string, string> = options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {};
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

/** A user row in auth.users and an access token shaped like GoTrue's. */
export async function createTestUser(label: string): Promise<TestUser> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@example.test`;
  await withDatabase((client) =>
    client.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ($1, 'authenticated', 'authenticated', $2, now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`,
      [id, email],
    ),
  );
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await signJwt(
    {
      sub: id,
      role: 'authenticated',
      aud: 'authenticated',
      email,
      phone: '',
      iat: now,
      exp: now + 3600,
      aal: 'aal1',
      session_id: randomUUID(),
      is_anonymous: false,
    },
    { secret: env('SUPABASE_JWT_SECRET') },
  );
  return { id, email, accessToken, client: compatClient({ accessToken }) };
}

/** Raw HTTP against /rest/v1 for what supabase-js cannot express (HEAD bodies, bad headers). */
export async function rest(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${restUrl()}${path}`, {
    ...init,
    headers: { apikey: anonKey(), 'accept-profile': 'compat', 'content-profile': 'compat', ...init.headers },
  });
}
