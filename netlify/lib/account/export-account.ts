/**
 * GET /api/account/export (ADR 0047): the caller's data as one JSON document, streamed. Rows
 * come from one read-only, repeatable-read transaction run as the caller under RLS, each table
 * streamed by one `COPY (select to_jsonb(...)::text …) to stdout` whose bytes are handed to the
 * stream only when the reader asks for more (documentChunks), so memory stays flat whatever the
 * account's size and a slow download holds back the database reads.
 *
 * The request is recorded in data_requests (processing → completed or failed) and audit_logs
 * before the first byte; both are service-level writes (users cannot write either table).
 */
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { AuthUser } from '../auth/auth-user';
import { withTransaction, type Queryable } from '../db';
import type { Logger } from '../observability/logger';
import { supabaseFor } from '../supabase';
import { recordAudit } from './audit';
import { excludedTables, exportedTables } from './export-tables';
import { listOwnObjects, type StoredObject } from './storage-objects';

const NEWLINE = 0x0a;
const COMMA = new Uint8Array([0x2c]);
/** How long the links to the user's files in the export stay valid. */
export const EXPORT_FILE_LINK_SECONDS = 7 * 24 * 3600;

export interface ExportRequest {
  user: AuthUser;
  ip: string;
  userAgent: string | null;
  requestId: string;
  log: Logger;
}

export async function exportAccount(db: pg.Pool, request: ExportRequest): Promise<Response> {
  const { user } = request;
  const dataRequestId = await openExportRequest(db, request);
  const account = await authAccount(db, user.id);
  const files = await withFileLinks(user, await listOwnObjects(db, user));

  const client = await db.connect();
  try {
    const claims = JSON.stringify({ ...user.claims, sub: user.id, role: 'authenticated' });
    // A table is one COPY statement, as long as its download: the pool's statement timeout
    // (15 s) would cut a large account; the function's own time limit bounds it instead, and an
    // abandoned download closes the connection.
    await client.query(
      `begin isolation level repeatable read read only; select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${client.escapeLiteral(claims)}, true), set_config('statement_timeout', '0', true)`,
    );
  } catch (error) {
    client.release();
    await finishRequest(db, dataRequestId, error);
    throw error;
  }

  const meta = {
    format: 'agi-agent-automation account export',
    version: 1,
    generated_at: new Date().toISOString(),
    account,
    excluded_tables: excludedTables,
    storage_objects_note: `Links to your files stay valid for ${EXPORT_FILE_LINK_SECONDS / 86400} days.`,
  };
  const chunks = documentChunks(client, meta, files, async (error, connectionBusy) => {
    // A download abandoned mid-COPY leaves the connection streaming: close it (the server rolls
    // the transaction back) rather than queue a rollback behind a copy nobody reads.
    client.release(connectionBusy ? new Error('export abandoned mid-copy') : undefined);
    await finishRequest(db, dataRequestId, error).catch((failure: unknown) =>
      request.log.error('export request state not recorded', { error: failure }),
    );
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value);
      } catch (error) {
        request.log.error('account export failed mid-stream', { error });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="account-export-${day}.json"`,
      'cache-control': 'no-store',
    },
  });
}

/**
 * The document, piece by piece. `done` runs exactly once: after the commit (no error), on a
 * failure (the error), or when the reader goes away (a cancellation error); `connectionBusy` says
 * a COPY was still streaming on the connection.
 *
 * Rows arrive as `COPY (select …::text) to stdout` in CSV with quote and delimiter bytes JSON
 * never contains (to_jsonb escapes every control character), so each line is a row's JSON as is
 * and a table's rows become the array's items by turning the line ends into commas. The bytes go
 * from the socket to the response as Buffers: no JavaScript string per row, one copy per byte —
 * the earlier cursor (`fetch 200`, one string per row, joined, then encoded) made three, and the
 * garbage grew the heap by 130 MB at 1M messages (bench/account). pg-copy-streams reads the
 * socket only when the stream is read, so a slow download still holds back the database.
 */
async function* documentChunks(
  client: pg.PoolClient,
  meta: Record<string, unknown>,
  files: unknown[],
  done: (error: unknown, connectionBusy: boolean) => Promise<void>,
): AsyncGenerator<string | Uint8Array, void, undefined> {
  let outcome: unknown = new Error('The download was abandoned before the export was complete.');
  let copying = false;
  try {
    yield `{"export":${JSON.stringify(meta)}`;
    for (const [key, table] of Object.entries(exportedTables)) {
      yield `,${JSON.stringify(key)}:[`;
      copying = true;
      const rows = client.query(
        copyTo(
          `copy (select (${table.select ?? 'to_jsonb(t)'})::text from ${table.from} t where ${table.where})
             to stdout with (format csv, quote e'\\x01', delimiter e'\\x02')`,
        ),
      );
      // A row ends in the chunk that holds its newline; the comma goes out only once another
      // row follows, so the array never ends in one.
      let rowEnded = false;
      for await (const raw of rows as AsyncIterable<Buffer>) {
        if (raw.length === 0) continue;
        const chunk = Buffer.from(raw);
        const endsRow = chunk[chunk.length - 1] === NEWLINE;
        for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1))
          chunk[at] = 0x2c;
        if (rowEnded) yield COMMA;
        yield endsRow ? chunk.subarray(0, chunk.length - 1) : chunk;
        rowEnded = endsRow;
      }
      copying = false;
      yield ']';
    }
    yield `,"storage_objects":${JSON.stringify(files)}}`;
    await client.query('commit');
    outcome = null;
  } catch (error) {
    outcome = error;
    throw error;
  } finally {
    if (outcome !== null && !copying) await client.query('rollback').catch(() => {});
    await done(outcome, copying);
  }
}

/** Each file with a link: the public URL for public buckets, a signed URL (as the user) otherwise. */
async function withFileLinks(user: AuthUser, objects: StoredObject[]) {
  const storage = supabaseFor(user).storage;
  const { data: buckets } = await storage.listBuckets();
  const isPublic = new Set((buckets ?? []).filter((bucket) => bucket.public).map((bucket) => bucket.id));
  const links = new Map<string, string | null>();
  for (const bucket of new Set(objects.map((object) => object.bucket))) {
    const names = objects.filter((object) => object.bucket === bucket).map((object) => object.name);
    if (isPublic.has(bucket)) {
      for (const name of names)
        links.set(`${bucket}/${name}`, storage.from(bucket).getPublicUrl(name).data.publicUrl);
      continue;
    }
    const { data } = await storage.from(bucket).createSignedUrls(names, EXPORT_FILE_LINK_SECONDS);
    for (const entry of data ?? []) links.set(`${bucket}/${entry.path}`, entry.signedUrl || null);
  }
  return objects.map((object) => ({ ...object, url: links.get(`${object.bucket}/${object.name}`) ?? null }));
}

/** The caller's own Auth record (service-level read: the auth schema is not exposed). */
async function authAccount(db: Queryable, userId: string) {
  const { rows } = await db.query(
    `select id, email, created_at, email_confirmed_at, last_sign_in_at, raw_user_meta_data as user_metadata
       from auth.users where id = $1`,
    [userId],
  );
  return rows[0] ?? null;
}

async function openExportRequest(db: pg.Pool, request: ExportRequest): Promise<string> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into public.data_requests (user_id, kind, status) values ($1, 'export', 'processing') returning id`,
      [request.user.id],
    );
    await recordAudit(client, {
      actorId: request.user.id,
      action: 'account.export',
      ip: request.ip,
      userAgent: request.userAgent,
      requestId: request.requestId,
    });
    return rows[0]!.id;
  });
}

/** What the user reads on a failed request (the cause is in the logs, by request id). */
const FAILED_MESSAGE = 'The export stopped before it was complete. Please try again.';

async function finishRequest(db: Queryable, id: string, error: unknown): Promise<void> {
  await db.query(
    `update public.data_requests set status = $2, completed_at = case when $2 = 'completed' then now() end, error = $3
      where id = $1`,
    [id, error ? 'failed' : 'completed', error ? FAILED_MESSAGE : null],
  );
}
