/**
 * Admin console benchmark: p95 of each admin query at the bench/db scale (100k users, 1M usage
 * rows over 90 days, three providers, four features), before and after the rollups.
 *
 *   npx tsx bench/admin/run.ts [--runs 40]
 *
 * "before" is the same figure computed from token_usage (what the console would have to do
 * without rollups); "after" is the function the console calls (netlify/lib/admin/*), timed from
 * the client over localhost. The two are run interleaved, run by run. Target: p95 ≤ 100 ms.
 */
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { revenueReport } from '../../netlify/lib/admin/metrics/revenue';
import { usageReport } from '../../netlify/lib/admin/metrics/usage';
import { searchUsers } from '../../netlify/lib/admin/users/search-users';
import { userDetail } from '../../netlify/lib/admin/users/user-detail';
import { webhookHealth } from '../../netlify/lib/admin/webhooks/webhook-health';
import { benchUserId, generateData, scale } from '../db/generate-data';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 40;
const warmup = 3;
const target = 100;

const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const range = { from: day(29), to: day(0) };

interface Case {
  name: string;
  before?: (db: pg.Pool) => Promise<unknown>;
  after: (db: pg.Pool) => Promise<unknown>;
}

const scan = (db: pg.Pool, groupBy: string) =>
  db.query(
    `select ${groupBy}, count(*), sum(credits_charged), sum(input_tokens), sum(output_tokens)
       from public.token_usage where created_at >= $1::date and created_at < $2::date + 1 group by ${groupBy}`,
    [range.from, range.to],
  );

const cases: Case[] = [
  {
    name: 'usage report (day, provider, model, feature, top users, margin)',
    before: async (db) => {
      await Promise.all([
        scan(db, `date_trunc('day', created_at)`),
        scan(db, 'provider'),
        scan(db, 'provider, model'),
        scan(db, 'feature'),
        db.query(
          `select user_id, sum(credits_charged) from public.token_usage
            where created_at >= date_trunc('month', now()) group by 1 order by 2 desc limit 10`,
        ),
        db.query(
          `select p.plan, sum(t.credits_charged) from public.token_usage t join public.profiles p on p.id = t.user_id
            where t.created_at >= $1::date and t.created_at < $2::date + 1 group by 1`,
          [range.from, range.to],
        ),
      ]);
    },
    after: (db) => usageReport(db, range),
  },
  { name: 'revenue report', after: (db) => revenueReport(db) },
  { name: 'webhook health', after: (db) => webhookHealth(db, 30) },
  {
    name: 'user search by email',
    after: (db) => searchUsers(db, `bench${1 + Math.floor(Math.random() * scale.users)}@`),
  },
  {
    name: 'user detail',
    after: (db) => userDetail(db, benchUserId(1 + Math.floor(Math.random() * scale.users))),
  },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};

async function time(fn: () => Promise<unknown>) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main() {
  console.log('starting a throw-away local platform…');
  const platform = await startLocalPlatform({ mode: 'test' });
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  client.on('notice', () => {});
  await client.connect();
  const db = new pg.Pool({ connectionString: platform.databaseUrl, max: 6 });
  try {
    console.log(`loading the bench/db data (${scale.usageRows.toLocaleString()} usage rows)…`);
    await generateData(client, console.log);
    const rows: string[] = [];
    for (const test of cases) {
      const before: number[] = [];
      const after: number[] = [];
      for (let i = 0; i < warmup + runs; i += 1) {
        const b = test.before ? await time(() => test.before!(db)) : NaN;
        const a = await time(() => test.after(db));
        if (i >= warmup) {
          before.push(b);
          after.push(a);
        }
      }
      const fmt = (values: number[], p: number) =>
        Number.isNaN(values[0]) ? '—' : `${percentile(values, p).toFixed(1)} ms`;
      const ratio = test.before ? `${(percentile(before, 0.5) / percentile(after, 0.5)).toFixed(0)}×` : '—';
      rows.push(
        `| ${test.name} | ${fmt(before, 0.5)} | ${fmt(before, 0.95)} | ${fmt(after, 0.5)} | ${fmt(after, 0.95)} | ${ratio} | ${percentile(after, 0.95) <= target ? 'met' : 'MISSED'} |`,
      );
      console.log(rows.at(-1));
    }
    console.log('\n| query | before p50 | before p95 | after p50 | after p95 | p50 ratio | ≤ 100 ms p95 |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
  } finally {
    await db.end();
    await client.end();
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
