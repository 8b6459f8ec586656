/**
 * GET /api/account/export: the real function against the real database and the local Storage.
 * What "the caller's rows" means is found from the catalog (ownership.ts walks the foreign keys
 * from auth.users), so a new user-owned table fails here until it is exported or excluded.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exportFunction from '../../../netlify/functions/account-export.mjs';
import { excludedTables, exportedTables } from '../../../netlify/lib/account/export-tables';
import { closeDbPools } from '../../../netlify/lib/db';
import { apiRequest, netlifyContext } from '../http/helpers';
import { populate, signUpAccount, type Account } from './fixture';
import { foreignKeys, ownedRows, ownedTables, primaryKeyOf, rowKey } from './ownership';

const run = promisify(execFile);
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

const callExport = (account: Account) =>
  exportFunction(apiRequest('/api/account/export', { token: account.token }), netlifyContext());

type ExportDocument = Record<string, unknown[]> & { export: Record<string, unknown> };

async function addSubscription(account: Account) {
  const customer = `cus_${randomUUID().slice(0, 12)}`;
  await db.query('insert into public.stripe_customers (user_id, customer_id) values ($1, $2)', [
    account.id,
    customer,
  ]);
  await db.query(
    `insert into public.subscriptions (user_id, stripe_subscription_id, stripe_customer_id, plan_id, interval, status, stripe_created_at, stripe_event_created_at)
     values ($1, $2, $3, 'free', 'month', 'active', now(), now())`,
    [account.id, `sub_${randomUUID().slice(0, 12)}`, customer],
  );
}

/**
 * Bulk messages for the memory test. The per-row trigger that counts a session's messages updates
 * one session row 100k times in one statement (quadratic); this session runs without user
 * triggers (session_replication_role, this connection only) and sets the count once.
 */
async function insertMessages(session: string, count: number) {
  const client = await db.connect();
  try {
    await client.query(`set session_replication_role = replica`);
    await client.query(
      `insert into public.chat_messages (session_id, role, content)
       select $1, case when i % 2 = 0 then 'user' else 'assistant' end, repeat('lorem ipsum ', 20) || i
         from generate_series(1, $2::int) as i`,
      [session, count],
    );
    await client.query('update public.chat_sessions set message_count = $2 where id = $1', [session, count]);
  } finally {
    await client.query('reset session_replication_role');
    client.release();
  }
}

describe('GET /api/account/export', () => {
  let alice: Account;
  let bob: Account;
  let response: Response;
  let text: string;
  let document: ExportDocument;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([signUpAccount('exporter'), signUpAccount('other')]);
    await populate(db, alice);
    await populate(db, bob);
    await addSubscription(alice);
    await addSubscription(bob);
    // Bob reviews the employee Alice hired: a row next to hers that must stay out of her export.
    await db.query('insert into public.employee_reviews (user_id, employee_id, rating) values ($1, $2, 2)', [
      bob.id,
      alice.employeeId,
    ]);
    response = await callExport(alice);
    text = await response.text();
    document = JSON.parse(text) as ExportDocument;
  });

  it('answers a JSON attachment with a dated filename', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="account-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('covers every user-owned table of the catalog: exported, or excluded with a reason', async () => {
    const tables = ownedTables(await foreignKeys(db));
    const exported = new Set(Object.values(exportedTables).map((table) => table.from));
    const uncovered = [...tables].filter((table) => !exported.has(table) && !(table in excludedTables));
    expect(uncovered).toEqual([]);
    for (const reason of Object.values(excludedTables)) expect(reason.length).toBeGreaterThan(20);
    expect(document.export.excluded_tables).toEqual(excludedTables);
  });

  it('has exactly the caller’s rows for every exported table', async () => {
    const owned = await ownedRows(db, alice.id);
    for (const [key, table] of Object.entries(exportedTables)) {
      const pk = await primaryKeyOf(db, table.from);
      const rows = (document[key] ?? []) as Array<Record<string, unknown>>;
      let expected = [...(owned.get(table.from)?.values() ?? [])];
      if (key === 'chat_messages') expected = expected.filter((row) => row.role !== 'system');
      const actual = rows.map((row) => rowKey(row, pk)).sort();
      const wanted = expected.map((row) => rowKey(row, pk)).sort();
      if (key === 'data_requests' || key === 'audit_logs') {
        // This export's own request and audit entry were written just before the snapshot.
        expect(actual.length, key).toBe(wanted.length);
      } else {
        expect({ key, rows: actual }).toEqual({ key, rows: wanted });
      }
      expect(rows.length, `${key} has rows in the fixture`).toBeGreaterThan(0);
    }
  });

  it('never contains another user’s id, a system prompt or a worker lease', () => {
    expect(text).not.toContain(bob.id);
    expect(text).not.toContain('SECRET SYSTEM PROMPT');
    expect(text).not.toContain('lease_owner');
    expect(text).not.toContain('"author_id"');
    expect(document.export.account).toMatchObject({ id: alice.id, email: alice.email });
  });

  it('lists the Storage files with links that work', async () => {
    const files = document.storage_objects as Array<{ bucket: string; name: string; url: string }>;
    expect(files.map((file) => `${file.bucket}/${file.name}`).sort()).toEqual(
      alice.files.map((file) => `${file.bucket}/${file.name}`).sort(),
    );
    const attachment = files.find((file) => file.bucket === 'chat-attachments')!;
    const download = await fetch(attachment.url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('some notes');
    expect((await fetch(files.find((file) => file.bucket === 'avatars')!.url)).status).toBe(200);
  });

  it('records the export in data_requests (completed) and in the audit log', async () => {
    const requests = await db.query(
      `select status, completed_at is not null as done from public.data_requests where user_id = $1 and kind = 'export' order by requested_at desc limit 1`,
      [alice.id],
    );
    expect(requests.rows).toEqual([{ status: 'completed', done: true }]);
    const audit = await db.query(
      `select count(*)::int as n from public.audit_logs where actor_id = $1 and action = 'account.export' and request_id is not null`,
      [alice.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('records an abandoned download as failed and frees its connection', async () => {
    const account = await signUpAccount('abandoner');
    await populate(db, account);
    const since = new Date();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const abandoned = await callExport(account);
      const reader = abandoned.body!.getReader();
      await reader.read();
      await reader.cancel();
    }
    await expect
      .poll(async () => {
        const { rows } = await db.query<{ status: string }>(
          `select status from public.data_requests where user_id = $1 and kind = 'export' and requested_at >= $2 order by requested_at`,
          [account.id, since],
        );
        return rows.map((row) => row.status);
      })
      .toEqual(['failed', 'failed']);
    // The pool has 3 connections; abandoned exports must not keep theirs.
    const full = await callExport(account);
    expect(JSON.parse(await full.text())).toHaveProperty('chat_messages');
  });

  it('allows three exports per hour, then answers 429', async () => {
    const account = await signUpAccount('hoarder');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const exported = await callExport(account);
      await exported.body?.cancel();
      statuses.push(exported.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps every row whole when a table spans many stream chunks (with quotes, backslashes and newlines)', async () => {
    const account = await signUpAccount('chunky');
    const session = randomUUID();
    await db.query('insert into public.chat_sessions (id, user_id) values ($1, $2)', [session, account.id]);
    await insertMessages(session, 3_000);
    await db.query(`insert into public.chat_messages (session_id, role, content) values ($1, 'user', $2)`, [
      session,
      'a "quoted", back\\slashed\nmulti-line, ünïcode ✓ message',
    ]);
    const exported = await callExport(account);
    expect(exported.status).toBe(200);
    const parsed = JSON.parse(await exported.text()) as ExportDocument;
    const rows = parsed.chat_messages as Array<{ content: string }>;
    expect(rows).toHaveLength(3_001);
    expect(rows.map((row) => row.content)).toContain(
      'a "quoted", back\\slashed\nmulti-line, ünïcode ✓ message',
    );
    expect(new Set(rows.map((row) => row.content)).size).toBe(3_001);

    // Abandoned in the middle of the messages' COPY, twice (the pool has 3 connections): each
    // is recorded as failed and its connection closed, so a third export still runs.
    const leaver = await signUpAccount('chunky-leaver');
    const leaverSession = randomUUID();
    await db.query('insert into public.chat_sessions (id, user_id) values ($1, $2)', [
      leaverSession,
      leaver.id,
    ]);
    await insertMessages(leaverSession, 3_000);
    const since = new Date();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const abandoned = await callExport(leaver);
      const reader = abandoned.body!.getReader();
      let seen = '';
      while (!seen.includes('lorem ipsum')) seen += new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
    }
    await expect
      .poll(async () => {
        const { rows: requests } = await db.query<{ status: string }>(
          `select status from public.data_requests where user_id = $1 and kind = 'export' and requested_at >= $2`,
          [leaver.id, since],
        );
        return requests.map((row) => row.status);
      })
      .toEqual(['failed', 'failed']);
    const again = await callExport(leaver);
    expect((JSON.parse(await again.text()) as ExportDocument).chat_messages).toHaveLength(3_000);
  });

  it('streams 100k messages with bounded memory', { timeout: 180_000 }, async () => {
    const account = await signUpAccount('prolific');
    const session = randomUUID();
    await db.query('insert into public.chat_sessions (id, user_id) values ($1, $2)', [session, account.id]);
    await insertMessages(session, 100_000);
    // Measured in a process of its own whose V8 heap is capped at 64 MB: a document (64 MB here)
    // held in memory would crash it, and RSS is not muddied by this test runner.
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--max-old-space-size=64',
        '--expose-gc',
        'tests/fixtures/measure-export.ts',
        account.token,
      ],
      { env: process.env, maxBuffer: 1024 * 1024 },
    );
    const measured = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      status: number;
      seconds: number;
      bytes: number;
      complete: boolean;
      baselineRss: number;
      peakRss: number;
    };
    console.info(
      `export of 100k messages: ${measured.seconds.toFixed(1)} s, ${(measured.bytes / 1e6).toFixed(1)} MB, RSS +${((measured.peakRss - measured.baselineRss) / 1e6).toFixed(1)} MB`,
    );
    expect(measured.status).toBe(200);
    expect(measured.complete).toBe(true);
    expect(measured.bytes).toBeGreaterThan(100_000 * 240);
    expect(measured.peakRss - measured.baselineRss).toBeLessThan(100 * 1024 * 1024);
    // Time is bench/account's to measure (on a quiet machine), not a test's.
  });
});
