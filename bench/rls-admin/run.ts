/**
 * What `private.is_admin()` costs the statements whose tables carry an admin policy (ADR 0090): the
 * same statements under RLS on two databases of one throw-away cluster, interleaved A, B, A, B…:
 * **sql** has the function as SQL (migration 20261206130000 rolled back), **plpgsql** as migrated.
 *
 *   npm run bench -- rls-admin [--runs 400]
 *
 * One member with a profile, 200 token-usage rows, a subscription and 20 support tickets, and one
 * admin reading the audit log; each statement runs as its user (`authenticated` with
 * `request.jwt.claims`, as PostgREST runs it) and is timed by Postgres (planning + execution,
 * EXPLAIN ANALYZE with timing off, as bench/db and bench/rls-standing do).
 */
import { execSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../../dev/config';
import { freePort } from '../../dev/ports';
import { startEmbeddedPostgres } from '../../dev/postgres/embedded';
import { prepareDatabase } from '../../dev/postgres/migrate';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 400;
const warmup = 30;
const rollback = path.join(projectRoot, 'supabase/rollbacks/20261206130000_make_is_admin_plpgsql.sql');

const statements: Array<{ name: string; as: 'member' | 'admin'; sql: string }> = [
  {
    name: 'own profile (member)',
    as: 'member',
    sql: `select id, role, plan, plan_status from public.profiles where id = (select auth.uid())`,
  },
  {
    name: 'own subscriptions (member)',
    as: 'member',
    sql: `select status, plan_id, current_period_end from public.subscriptions order by created_at desc`,
  },
  {
    name: 'usage page, 50 calls (member)',
    as: 'member',
    sql: `select model, credits_charged, created_at from public.token_usage
          where user_id = (select auth.uid()) order by created_at desc limit 50`,
  },
  {
    name: 'support tickets (member)',
    as: 'member',
    sql: `select id, subject, status from public.support_tickets order by last_message_at desc limit 20`,
  },
  {
    name: 'users page, 50 (admin)',
    as: 'admin',
    sql: `select id, role, plan from public.profiles order by created_at desc limit 50`,
  },
  {
    name: 'audit log page, 50 (admin)',
    as: 'admin',
    sql: `select action, target_type, created_at from public.audit_logs order by created_at desc limit 50`,
  },
];

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const withDatabase = (url: string, name: string) => {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
};

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('notice', () => {});
  await client.connect();
  return client;
}

async function seed(client: pg.Client): Promise<{ member: string; admin: string }> {
  const [member, admin] = [crypto.randomUUID(), crypto.randomUUID()];
  for (const id of [member, admin]) {
    await client.query(
      `insert into auth.users (id, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
       values ($1, $2, now(), '{}', '{}')`,
      [id, `bench-${id.slice(0, 8)}@bench.local`],
    );
  }
  await client.query(`update public.profiles set role = 'admin' where id = $1`, [admin]);
  await client.query(
    `insert into public.token_usage (user_id, request_id, provider, model, credits_charged, status, created_at)
     select $1, 'bench-' || g, 'openai', 'gpt-4o-mini', g, 'ok', now() - g * interval '1 minute'
     from generate_series(1, 200) g`,
    [member],
  );
  await client.query(
    `insert into public.subscriptions (user_id, stripe_subscription_id, stripe_customer_id, plan_id, interval,
                                       status, stripe_created_at, stripe_event_created_at)
     values ($1, 'sub_bench', 'cus_bench', (select id from public.plans order by position desc limit 1), 'month',
             'active', now(), now())`,
    [member],
  );
  // Tickets and audit entries of both users: a statement that meets another user's row under an
  // owner-or-admin policy has to ask whether the caller is an admin.
  await client.query(
    `insert into public.support_tickets (user_id, subject, last_message_at)
     select case when g % 2 = 0 then $1 else $2 end::uuid, 'Ticket ' || g, now() - g * interval '1 minute'
     from generate_series(1, 40) g`,
    [member, admin],
  );
  await client.query(
    `insert into public.audit_logs (actor_id, action, created_at)
     select case when g % 2 = 0 then $1 else $2 end::uuid, 'bench.action', now() - g * interval '1 minute'
     from generate_series(1, 200) g`,
    [member, admin],
  );
  await client.query('analyze');
  return { member, admin };
}

/** Planning + execution of `sql` as `sub`, and how often it called private.is_admin(). */
async function time(client: pg.Client, sql: string, sub: string): Promise<{ ms: number; calls: number }> {
  // The counter holds calls not yet flushed to the statistics: read it before and after.
  const callsSoFar = async () => {
    const { rows } = await client.query<{ n: string | null }>(
      `select pg_stat_get_xact_function_calls('private.is_admin()'::regprocedure) as n`,
    );
    return Number(rows[0]!.n ?? 0);
  };
  await client.query('begin');
  try {
    const before = await callsSoFar();
    await client.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ sub, role: 'authenticated' })],
    );
    const { rows } = await client.query(`explain (analyze, timing off, format json) ${sql}`);
    const plan = (rows[0] as { 'QUERY PLAN': Array<{ 'Planning Time': number; 'Execution Time': number }> })[
      'QUERY PLAN'
    ][0]!;
    await client.query('reset role');
    return { ms: plan['Planning Time'] + plan['Execution Time'], calls: (await callsSoFar()) - before };
  } finally {
    await client.query('rollback');
  }
}

async function main() {
  console.log('starting a throw-away PostgreSQL and migrating it…');
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'agi-bench-rls-admin-'));
  const db = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: await freePort() });
  const clients: pg.Client[] = [];
  try {
    await prepareDatabase(db.url, { seed: 'always' });
    // One seeded database, then its copy with the migration rolled back: the same rows and ids.
    const setup = await connect(db.url);
    const users = await seed(setup);
    await setup.end();
    const admin = await connect(withDatabase(db.url, 'template1'));
    await admin.query('create database bench_sql template postgres');
    await admin.end();
    const sql = await connect(withDatabase(db.url, 'bench_sql'));
    const plpgsql = await connect(db.url);
    clients.push(sql, plpgsql);
    for (const client of clients) await client.query(`set track_functions = 'all'`);
    await sql.query(await readFile(rollback, 'utf8'));
    const languages = await Promise.all(
      [sql, plpgsql].map(async (client) => {
        const { rows } = await client.query<{ lanname: string }>(
          `select l.lanname from pg_proc p join pg_language l on l.oid = p.prolang
           where p.oid = 'private.is_admin()'::regprocedure`,
        );
        return rows[0]!.lanname;
      }),
    );
    console.log(`private.is_admin(): A in ${languages[0]}, B in ${languages[1]}`);

    const results: Array<{ name: string; a: number[]; b: number[]; calls: number }> = [];
    for (const statement of statements) {
      const sub = users[statement.as];
      const a: number[] = [];
      const b: number[] = [];
      let calls = 0;
      for (let i = 0; i < warmup + runs; i += 1) {
        const first = await time(sql, statement.sql, sub);
        const second = await time(plpgsql, statement.sql, sub);
        if (i >= warmup) {
          a.push(first.ms);
          b.push(second.ms);
          calls = Math.max(calls, first.calls, second.calls);
        }
      }
      results.push({ name: statement.name, a, b, calls });
    }

    const load = execSync('uptime').toString().trim();
    console.log(`\n${runs} runs each, interleaved; load: ${load}\n`);
    console.log(
      '| statement | is_admin calls | sql p50 | plpgsql p50 | saved p50 | ratio | sql p95 | plpgsql p95 |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
    for (const { name, a, b, calls } of results) {
      const [pa, pb] = [quantile(a, 0.5), quantile(b, 0.5)];
      console.log(
        `| ${name} | ${calls} | ${fmt(pa)} | ${fmt(pb)} | ${fmt(pa - pb)} | ${(pb / pa).toFixed(2)} | ${fmt(quantile(a, 0.95))} | ${fmt(quantile(b, 0.95))} |`,
      );
    }
  } finally {
    for (const client of clients) await client.end().catch(() => {});
    await db.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
