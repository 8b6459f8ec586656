/**
 * What the suspended-account policies cost (ADR 0080): the same user-data statements as a signed-in
 * user under RLS, with the restrictive "Suspended accounts cannot …" policies (A) and, interleaved in
 * the same run, inside a transaction that dropped them first (B).
 *
 *   npm run bench -- rls-standing [--runs 400]
 *
 * Starts a throw-away local platform, gives one user a 500-message chat session, 200 ledger rows and
 * 50 notifications, then times each statement A, B, A, B… ("db": Postgres' planning + execution,
 * EXPLAIN ANALYZE with timing off, as bench/db does). Prints medians, p95 and the added time.
 */
import { execSync } from 'node:child_process';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 400;
const warmup = 30;

const statements: Array<{ name: string; tables: string[]; sql: string; write?: boolean }> = [
  {
    name: 'chat history page (50, keyset)',
    tables: ['chat_messages', 'chat_sessions'],
    sql: `select id, role, content, created_at from public.chat_messages
          where session_id = $1 and (created_at, id) < (now(), 'ffffffff-ffff-4fff-bfff-ffffffffffff'::uuid)
          order by created_at desc, id desc limit 50`,
  },
  {
    name: 'ledger page (50)',
    tables: ['credit_ledger'],
    sql: `select id, kind, amount, created_at from public.credit_ledger
          where $1::uuid is not null order by created_at desc limit 50`,
  },
  {
    name: 'unread notifications',
    tables: ['notifications'],
    sql: `select count(*) from public.notifications where read_at is null and $1::uuid is not null`,
  },
  {
    name: 'rename the display name (update)',
    tables: ['user_profiles'],
    sql: `update public.user_profiles set display_name = 'Bench ' || $1::text where user_id = (select auth.uid())`,
    write: true,
  },
];

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

async function main() {
  console.log('starting a throw-away local platform…');
  const platform = await startLocalPlatform({ mode: 'test' });
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  client.on('notice', () => {});
  await client.connect();
  try {
    const userId = crypto.randomUUID();
    await client.query(
      `insert into auth.users (id, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
       values ($1, $2, now(), '{}', '{}')`,
      [userId, `bench-${userId.slice(0, 8)}@bench.local`],
    );
    const { rows: employee } = await client.query<{ id: string }>(
      `select id from public.ai_employees where published order by slug limit 1`,
    );
    const { rows: session } = await client.query<{ id: string }>(
      `with hire as (insert into public.purchased_employees (user_id, employee_id) values ($1, $2))
       insert into public.chat_sessions (user_id, employee_id, title) values ($1, $2, 'Bench') returning id`,
      [userId, employee[0]!.id],
    );
    const sessionId = session[0]!.id;
    await client.query(
      `insert into public.chat_messages (session_id, role, content, status, created_at)
       select $1, case when g % 2 = 0 then 'user' else 'assistant' end, 'message ' || g, 'complete',
              now() - (500 - g) * interval '1 minute'
       from generate_series(1, 500) g`,
      [sessionId],
    );
    await client.query(
      `insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key)
       select $1::uuid, 'adjustment', 'purchased', 1, g, 'bench:' || $1::text || ':' || g from generate_series(1, 200) g`,
      [userId],
    );
    await client.query(
      `insert into public.notifications (user_id, kind, title) select $1, 'system', 'n' || g from generate_series(1, 50) g`,
      [userId],
    );
    await client.query('analyze');
    const claims = JSON.stringify({ sub: userId, role: 'authenticated' });

    const time = async (sql: string, values: unknown[], dropStanding: string[]) => {
      await client.query('begin');
      try {
        for (const table of dropStanding) {
          const { rows } = await client.query<{ policyname: string }>(
            `select policyname from pg_policies where schemaname = 'public' and tablename = $1
               and policyname like 'Suspended accounts cannot % rows here'`,
            [table],
          );
          for (const { policyname } of rows) {
            await client.query(`drop policy "${policyname}" on public.${table}`);
          }
        }
        await client.query(
          "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
          [claims],
        );
        const { rows } = await client.query(`explain (analyze, timing off, format json) ${sql}`, values);
        const plan = (
          rows[0] as { 'QUERY PLAN': Array<{ 'Planning Time': number; 'Execution Time': number }> }
        )['QUERY PLAN'][0]!;
        return plan['Planning Time'] + plan['Execution Time'];
      } finally {
        await client.query('rollback');
      }
    };

    const results: Array<{ name: string; a: number[]; b: number[] }> = [];
    for (const statement of statements) {
      const a: number[] = [];
      const b: number[] = [];
      const values = [statement.name.startsWith('chat') ? sessionId : userId];
      for (let i = 0; i < warmup + runs; i += 1) {
        const withPolicy = await time(statement.sql, values, []);
        const without = await time(statement.sql, values, statement.tables);
        if (i >= warmup) {
          a.push(withPolicy);
          b.push(without);
        }
      }
      results.push({ name: statement.name, a, b });
    }

    const load = execSync('uptime').toString().trim();
    console.log(`\n${runs} runs each, interleaved; load: ${load}\n`);
    console.log('| statement | with standing p50 | without p50 | added p50 | with p95 | without p95 |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const { name, a, b } of results) {
      const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
      const added = quantile(a, 0.5) - quantile(b, 0.5);
      console.log(
        `| ${name} | ${fmt(quantile(a, 0.5))} | ${fmt(quantile(b, 0.5))} | ${fmt(added)} | ${fmt(quantile(a, 0.95))} | ${fmt(quantile(b, 0.95))} |`,
      );
    }
  } finally {
    await client.end();
    await platform.stop();
  }
}

await main();
