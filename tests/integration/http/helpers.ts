/**
 * Helpers to call functions the way Netlify does: a real Request plus a Context-shaped object
 * carrying only what the pipeline reads (requestId, ip, params, deploy).
 */
import type { Context } from '@netlify/functions';
import { SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';
import { apiErrorBodySchema, type ApiErrorBody } from '../../../src/shared/api-error';
import { resetEnvForTests } from '../../../netlify/lib/env';

export const baseUrl = 'http://localhost:8888';

export function netlifyContext(
  fields: { ip?: string; params?: Record<string, string>; requestId?: string } = {},
): Context {
  const context: Pick<Context, 'ip' | 'params' | 'requestId' | 'deploy'> = {
    ip: fields.ip ?? '203.0.113.7',
    params: fields.params ?? {},
    requestId: fields.requestId ?? '',
    deploy: { context: 'dev', id: 'test-deploy', published: false },
  };
  return context as Context;
}

export function apiRequest(path: string, init: RequestInit & { token?: string } = {}): Request {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return new Request(new URL(path, baseUrl), { ...init, headers });
}

export function jsonRequest(
  path: string,
  body: unknown,
  init: RequestInit & { token?: string } = {},
): Request {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  return apiRequest(path, { method: 'POST', ...init, headers, body: JSON.stringify(body) });
}

export async function readError(response: Response): Promise<ApiErrorBody['error']> {
  return apiErrorBodySchema.parse(await response.json()).error;
}

/** A Supabase-style access token signed with the project's secret (or `secret`). */
export async function mintToken(
  claims: JWTPayload & Record<string, unknown> = {},
  options: { secret?: string; expiresIn?: string | number; omitExp?: boolean } = {},
): Promise<string> {
  const secret = options.secret ?? process.env.SUPABASE_JWT_SECRET;
  if (!secret) throw new Error('SUPABASE_JWT_SECRET is not set for the tests');
  const jwt = new SignJWT({
    sub: crypto.randomUUID(),
    aud: 'authenticated',
    role: 'authenticated',
    email: `user-${crypto.randomUUID()}@example.com`,
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt();
  if (!options.omitExp) jwt.setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Sets environment variables for the duration of `fn`, re-reading the server env around it. */
export async function withEnv<T>(
  overrides: Record<string, string | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(overrides).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvForTests();
  };
  apply(overrides);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** A database URL on which nothing listens (a port taken and closed again). */
export async function closedDatabaseUrl(): Promise<string> {
  const net = await import('node:net');
  const port = await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

/** Creates an auth user (the signup trigger, when present, creates the profile) with a profile. */
export async function createUser(
  db: pg.Pool,
  fields: { role?: 'member' | 'admin'; plan?: string } = {},
): Promise<{ id: string; email: string }> {
  const id = crypto.randomUUID();
  const email = `user-${id}@example.com`;
  await db.query(
    `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, now(), '{}', '{}', now(), now())`,
    [id, email],
  );
  await db.query('insert into public.profiles (id) values ($1) on conflict (id) do nothing', [id]);
  if (fields.role) await db.query('update public.profiles set role = $2 where id = $1', [id, fields.role]);
  if (fields.plan) await db.query('update public.profiles set plan = $2 where id = $1', [id, fields.plan]);
  return { id, email };
}
