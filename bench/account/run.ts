/**
 * Account export benchmark: time and peak RSS of GET /api/account/export for accounts with 1k,
 * 100k and 1M chat messages.
 *
 *   npm run bench -- account [--sizes 1000,100000,1000000]
 *
 * Starts a throw-away local platform, signs up one user per size through the local Auth API, loads
 * its messages (one session per 10k messages, ~250 bytes each), then runs the real export function
 * in a child process of its own (tests/fixtures/measure-export.ts: no heap cap, nothing else in
 * it) and reads the stream to the end. RSS growth is the child's peak minus its RSS before the
 * request. Targets: 100k messages ≤ 10 s; RSS growth ≤ 100 MB at any size.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';

const run = promisify(execFile);
const sizesArg = process.argv[process.argv.indexOf('--sizes') + 1];
const sizes =
  process.argv.includes('--sizes') && sizesArg
    ? sizesArg.split(',').map(Number)
    : [1_000, 100_000, 1_000_000];

async function signUp(env: Record<string, string>): Promise<{ id: string; token: string }> {
  const response = await fetch(`${env.SUPABASE_URL}/auth/v1/signup`, {
    method: 'POST',
    headers: { apikey: env.SUPABASE_ANON_KEY!, 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${randomUUID().slice(0, 8)}@bench.local`,
      password: 'bench password 1',
    }),
  });
  const body = (await response.json()) as { access_token?: string; user?: { id: string } };
  if (!body.access_token || !body.user) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);
  return { id: body.user.id, token: body.access_token };
}

/** Loads `count` messages without the per-row session counter trigger (this connection only). */
async function loadMessages(db: pg.Client, userId: string, count: number) {
  await db.query('set session_replication_role = replica');
  const perSession = 10_000;
  for (let offset = 0; offset < count; offset += perSession) {
    const session = randomUUID();
    const n = Math.min(perSession, count - offset);
    await db.query('insert into public.chat_sessions (id, user_id, message_count) values ($1, $2, $3)', [
      session,
      userId,
      n,
    ]);
    await db.query(
      `insert into public.chat_messages (session_id, role, content, created_at)
       select $1, case when i % 2 = 0 then 'user' else 'assistant' end,
              repeat('lorem ipsum dolor ', 12) || i, now() - (i || ' seconds')::interval
         from generate_series(1, $2::int) as i`,
      [session, n],
    );
  }
  await db.query('reset session_replication_role');
  await db.query('analyze public.chat_messages');
}

async function main() {
  console.log(
    `load before: ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')} (${os.cpus().length} cores)`,
  );
  const platform = await startLocalPlatform({ mode: 'test' });
  const db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const results: Array<Record<string, string>> = [];
  try {
    for (const size of sizes) {
      const user = await signUp(platform.env);
      const loadStart = performance.now();
      await loadMessages(db, user.id, size);
      console.log(
        `${size.toLocaleString()} messages loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`,
      );
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--expose-gc', 'tests/fixtures/measure-export.ts', user.token],
        { env: { ...process.env, ...platform.env, LOG_LEVEL: 'silent' }, maxBuffer: 1024 * 1024 },
      );
      const m = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
        status: number;
        seconds: number;
        bytes: number;
        complete: boolean;
        baselineRss: number;
        peakRss: number;
      };
      results.push({
        messages: size.toLocaleString(),
        status: String(m.status),
        complete: String(m.complete),
        'time (s)': m.seconds.toFixed(2),
        'size (MB)': (m.bytes / 1e6).toFixed(1),
        'MB/s': (m.bytes / 1e6 / m.seconds).toFixed(1),
        'RSS growth (MB)': ((m.peakRss - m.baselineRss) / 1e6).toFixed(1),
        'peak RSS (MB)': (m.peakRss / 1e6).toFixed(1),
      });
    }
  } finally {
    await db.end();
    await platform.stop();
  }
  console.table(results);
  console.log(
    `load after: ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
}

await main();
