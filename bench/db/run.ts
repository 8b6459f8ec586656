/**
 * Database benchmark: the hot queries at scale, measured at the database.
 *
 *   npx tsx bench/db/run.ts [--runs 400]
 *
 * Starts a throw-away local platform, loads bench data (see generate-data.ts), then runs each
 * query as the API role that runs it in production (a signed-in user under RLS, or anon), in a
 * transaction set up the way PostgREST does. "db" times are Postgres' own planning + execution
 * time (EXPLAIN ANALYZE, timing off); "round trip" is the same query timed from the client over
 * localhost. Prints a table and the plan of each query.
 */
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { benchEmployeeId, benchUserId, generateData, scale } from './generate-data';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 400;
const warmup = 30;
const target = 5; // ms, p95 at the database

interface Query {
  name: string;
  role: 'anon' | 'authenticated';
  /** Parameters for run i: the JWT subject and the SQL parameters. */
  params(
    i: number,
  ): Promise<{ sub: string | null; values: unknown[] }> | { sub: string | null; values: unknown[] };
  sql: string;
  /** Writes are rolled back so every run sees the same data. */
  write?: boolean;
}

const random = (n: number) => 1 + Math.floor(Math.random() * n);

async function main() {
  console.log('starting a throw-away local platform…');
  const platform = await startLocalPlatform({ mode: 'test' });
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  client.on('notice', () => {});
  await client.connect();
  try {
    console.log(
      `loading ${scale.users.toLocaleString()} users, ${(scale.hiringUsers * 2).toLocaleString()} hires, ` +
        `${(scale.longSessions * scale.messagesPerLongSession + scale.shortMessages).toLocaleString()} chat messages, ` +
        `${scale.usageRows.toLocaleString()} token-usage rows…`,
    );
    await generateData(client, console.log);

    // Cursors in the middle of long sessions: (session, owner, created_at, id) of a random message.
    const { rows: cursors } = await client.query<{
      session_id: string;
      user_id: string;
      created_at: string;
      id: string;
    }>(
      `select m.session_id, s.user_id, m.created_at::text as created_at, m.id
       from public.chat_messages m tablesample system (2) join public.chat_sessions s on s.id = m.session_id
       where s.message_count >= 400 limit 1000`,
    );
    const categories = [
      'engineering',
      'marketing',
      'sales',
      'support',
      'finance',
      'legal',
      'operations',
      'design',
      'data',
      'hr',
      'health',
      'research',
    ];

    const queries: Query[] = [
      {
        name: 'chat history page (50, keyset)',
        role: 'authenticated',
        params: (i) => {
          const c = cursors[i % cursors.length]!;
          return { sub: c.user_id, values: [c.session_id, c.created_at, c.id] };
        },
        sql: `select id, role, content, status, created_at from public.chat_messages
              where session_id = $1 and (created_at, id) < ($2::timestamptz, $3::uuid)
              order by created_at desc, id desc limit 50`,
      },
      {
        name: 'monthly usage sum for a user',
        role: 'authenticated',
        params: () => ({ sub: benchUserId(random(scale.users)), values: [] }),
        sql: `select coalesce(sum(credits_charged), 0) as credits, coalesce(sum(input_tokens), 0) as input_tokens,
                     coalesce(sum(output_tokens), 0) as output_tokens, count(*) as calls
              from public.token_usage
              where user_id = (select auth.uid()) and created_at >= date_trunc('month', now())`,
      },
      {
        name: 'sessions list (by last message)',
        role: 'authenticated',
        params: () => ({ sub: benchUserId(random(scale.users)), values: [] }),
        sql: `select id, title, employee_id, last_message_at from public.chat_sessions
              where user_id = (select auth.uid()) order by last_message_at desc nulls last limit 30`,
      },
      {
        name: 'marketplace first page (category, by rating)',
        role: 'anon',
        params: (i) => ({ sub: null, values: [categories[i % categories.length]] }),
        sql: `select id, slug, name, role, category, description, skills, avatar_url, latest_version, hire_count, review_count, avg_rating
              from public.ai_employee_catalog where category = $1
              order by avg_rating desc nulls last, hire_count desc limit 24`,
      },
      {
        name: 'hire (hire_employee RPC)',
        role: 'authenticated',
        params: () => ({
          sub: benchUserId(scale.hiringUsers + random(scale.users - scale.hiringUsers)),
          values: [benchEmployeeId(random(scale.employees))],
        }),
        sql: `select public.hire_employee($1::uuid)`,
        write: true,
      },
    ];

    const results: Array<{ name: string; db: number[]; roundTrip: number[] }> = [];
    for (const query of queries) {
      const db: number[] = [];
      const roundTrip: number[] = [];
      for (let i = 0; i < warmup + runs; i += 1) {
        const { sub, values } = await query.params(i);
        const claims = JSON.stringify(sub ? { sub, role: query.role } : { role: query.role });
        const timeOne = async (explain: boolean) => {
          await client.query('begin');
          try {
            await client.query(
              "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
              [query.role, claims],
            );
            const started = performance.now();
            const { rows } = await client.query(
              explain ? `explain (analyze, timing off, format json) ${query.sql}` : query.sql,
              values,
            );
            const elapsed = performance.now() - started;
            if (!explain) return elapsed;
            const plan = (
              rows[0] as { 'QUERY PLAN': Array<{ 'Planning Time': number; 'Execution Time': number }> }
            )['QUERY PLAN'][0]!;
            return plan['Planning Time'] + plan['Execution Time'];
          } finally {
            await client.query(query.write ? 'rollback' : 'commit');
          }
        };
        const dbTime = await timeOne(true);
        const wall = await timeOne(false);
        if (i >= warmup) {
          db.push(dbTime);
          roundTrip.push(wall);
        }
      }
      results.push({ name: query.name, db, roundTrip });
    }

    const pct = (values: number[], p: number) => {
      const sorted = [...values].sort((x, y) => x - y);
      return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
    };
    const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(9);
    console.log(
      `\n${runs} runs each after ${warmup} warm-up runs; target p95 < ${target} ms at the database\n`,
    );
    console.log(
      `| query                                         | db p50    | db p95    | round trip p50 | round trip p95 | target |`,
    );
    console.log(
      `|-----------------------------------------------|-----------|-----------|----------------|----------------|--------|`,
    );
    for (const r of results) {
      const p95 = pct(r.db, 95);
      console.log(
        `| ${r.name.padEnd(45)} | ${ms(pct(r.db, 50))} | ${ms(p95)} | ${ms(pct(r.roundTrip, 50)).padStart(14)} | ${ms(pct(r.roundTrip, 95)).padStart(14)} | ${p95 < target ? 'met' : 'MISSED'.padEnd(6)}${p95 < target ? '   ' : ''} |`,
      );
    }

    console.log('\nPlans (EXPLAIN ANALYZE, one representative run, as the API role):');
    for (const query of queries) {
      const { sub, values } = await query.params(7);
      const claims = JSON.stringify(sub ? { sub, role: query.role } : { role: query.role });
      await client.query('begin');
      try {
        await client.query(
          "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
          [query.role, claims],
        );
        // The RPC's plan is a function call; show the statement it runs, with its triggers.
        const sql = query.write
          ? `insert into public.purchased_employees (user_id, employee_id) values ((select auth.uid()), $1::uuid)
             on conflict (user_id, employee_id) do update set is_active = true returning *`
          : query.sql;
        const { rows } = await client.query(
          `explain (analyze, costs off, timing off, summary off) ${sql}`,
          values,
        );
        console.log(`\n-- ${query.name}\n${rows.map((row) => `   ${row['QUERY PLAN']}`).join('\n')}`);
      } finally {
        await client.query('rollback');
      }
    }
  } finally {
    await client.end();
    await platform.stop();
  }
}

await main();
