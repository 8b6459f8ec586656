/**
 * Helpers for the Storage API tests: real supabase-js clients (from the Auth tests' helpers),
 * raw HTTP for what storage-js hides (status codes, headers, unnormalised paths), and fixture
 * buckets with the per-user-folder policies a hosted project writes in its migrations.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { env, serviceClient } from '../auth/helpers';

export { anonClient, env, serviceClient, signedUpUser, superuser } from '../auth/helpers';

export const storageUrl = `${env.url}/storage/v1`;

/** A bucket name no other test uses. */
export function uniqueBucket(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/**
 * Creates a bucket through the API (service role) and the usual owner-folder policies on it:
 * authenticated users read, write, update and delete only under `<their uid>/`.
 */
export async function ownerFolderBucket(
  db: pg.Pool,
  id: string,
  options: { public?: boolean; fileSizeLimit?: number | string; allowedMimeTypes?: string[] } = {},
): Promise<void> {
  const { error } = await serviceClient().storage.createBucket(id, { public: false, ...options });
  if (error) throw error;
  const own = `bucket_id = '${id}' and (storage.foldername(name))[1] = (select auth.uid())::text`;
  await db.query(`
    create policy "${id}: users insert into their folder" on storage.objects for insert to authenticated with check (${own});
    create policy "${id}: users read their folder" on storage.objects for select to authenticated using (${own});
    create policy "${id}: users update their folder" on storage.objects for update to authenticated using (${own}) with check (${own});
    create policy "${id}: users delete from their folder" on storage.objects for delete to authenticated using (${own});
  `);
}

export async function dropBucketPolicies(db: pg.Pool, id: string): Promise<void> {
  const { rows } = await db.query<{ policyname: string }>(
    `select policyname from pg_policies where schemaname = 'storage' and tablename = 'objects' and policyname like $1`,
    [`${id}: %`],
  );
  for (const { policyname } of rows) await db.query(`drop policy "${policyname}" on storage.objects`);
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json(): unknown;
}

/**
 * A request exactly as written — no URL normalisation (fetch would resolve `..` and `%2e%2e`
 * before sending), so the server sees what an attacker can send.
 */
export function rawRequest(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  const url = new URL(env.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { apikey: env.anonKey, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A minimal valid PNG (1×1), so image-only buckets accept it by type and content. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
