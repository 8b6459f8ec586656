/**
 * The run engine's figures (`npm run bench -- runs [--steps 300] [--runs 50] [--posts 20]
 * [--users 1,10] [--rounds 3]`):
 *
 * 1. Overhead per step: claim → finish of one step at a time (claim, prepare, the delta write,
 *    complete, finish transaction with its settlement), minus the provider's own time (inside the
 *    SDK stream's `next()` only). p50 / p99, and where the time goes per statement.
 * 2. Throughput: `--runs` team runs of 5 members (7 steps each) at once, the stand-in at zero
 *    latency, worked by 4 in-process workers of 16 steps each (sharing one pool of 8; four pools, as four
 *    invocations would have, measured the same): steps per second. Once with all
 *    runs owned by one user (their settlements take turns on that user's credit account) and once
 *    spread over 10 users; `--rounds` interleaved rounds, the first a warm-up (dropped), then the
 *    median. With statement waits and round trips, CPU per step (this process, Postgres) and the
 *    credit-account lock waits.
 * 3. First plan token: from `POST /api/agents/team-run` returning 202 to the plan's first delta
 *    event in run_events (the worker dispatched over HTTP as in production). p50 / p99.
 *
 * Everything runs in this process on a throw-away platform; see README.md.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { freePort } from '../../dev/ports';
import { ms, summarise } from '../llm-gateway/stats';
import { postgresCpu, StatementTimes, timedDb, timedStream } from './instrument';

const { values: options } = parseArgs({
  options: {
    steps: { type: 'string', default: '300' },
    runs: { type: 'string', default: '50' },
    posts: { type: 'string', default: '20' },
    users: { type: 'string', default: '1,10' },
    rounds: { type: 'string', default: '3' },
  },
});
const targets = { overheadP50: 5, stepsPerSecond: 200, firstTokenP50: 50 };
const median = (values: number[]) => summarise(values).p50;
const table = (header: string[], rows: string[][]) => {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
};

async function main() {
  console.log('starting a throw-away platform…');
  const workerPort = await freePort();
  const platform = await startLocalPlatform({ mode: 'test' });
  // The API dispatches the worker at APP_URL, served below like Netlify does (202, then the body).
  Object.assign(process.env, platform.env, {
    LOG_LEVEL: 'silent',
    APP_URL: `http://127.0.0.1:${workerPort}`,
  });
  const { createEngine, tick, runWorker, workerDefaults } = await import('../../netlify/lib/runs/engine');
  const { runKinds } = await import('../../netlify/lib/runs/kinds');
  const { workerDb } = await import('../../netlify/lib/runs/worker-db');
  const { providerClient } = await import('../../netlify/lib/llm/providers');
  const { createLogger } = await import('../../netlify/lib/observability/logger');
  const { startTeamRun } = await import('../../netlify/lib/team-runs/start-team-run');
  const { getDb } = await import('../../netlify/lib/db');
  const { default: teamRun } = await import('../../netlify/functions/agents-team-run.mjs');
  const { default: worker } = await import('../../netlify/functions/run-worker-background.mjs');
  const { SignJWT } = await import('jose');
  const log = createLogger({ bench: 'runs' });
  const admin = new pg.Pool({ connectionString: platform.databaseUrl, max: 2 });
  // Per-function time in pg_stat_user_functions (for the credit-account lock waits).
  await admin.query(`alter system set track_functions = 'all'`);
  await admin.query('select pg_reload_conf()');
  const { rows: backend } = await admin.query<{ pid: number }>('select pg_backend_pid() as pid');
  const postgresCpuMs = postgresCpu(backend[0]!.pid);
  const sink: { times?: StatementTimes } = {};
  const db = timedDb(workerDb(platform.databaseUrl), sink);

  // Max-plan users with plenty of credits, each with five hired employees (the seed's first five).
  const { rows: employees } = await admin.query<{ id: string }>(
    `select id from public.ai_employees where published order by slug limit 5`,
  );
  const ids = employees.map((e) => e.id);
  const newUser = async () => {
    const userId = crypto.randomUUID();
    await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, now(), '{}', '{}', now(), now())`,
      [userId, `bench-${userId}@example.test`],
    );
    await admin.query(`update public.profiles set plan = 'max' where id = $1`, [userId]);
    await admin.query(
      `select billing.grant_allowance($1, 1000000000000, now(), now() + interval '1 month', $2)`,
      [userId, `bench:${userId}`],
    );
    for (const id of ids)
      await admin.query('insert into public.purchased_employees (user_id, employee_id) values ($1, $2)', [
        userId,
        id,
      ]);
    return userId;
  };
  const userCounts = options.users.split(',').map(Number);
  const users: string[] = [];
  for (let i = 0; i < Math.max(...userCounts); i++) users.push(await newUser());
  const userId = users[0]!;
  const newRun = async (owner: string, members: number, task = 'Benchmark task. [[llm:tokens=16]]') =>
    (
      await startTeamRun(
        getDb(),
        { id: owner, claims: { sub: owner } },
        { task, employee_ids: ids.slice(0, members), budget_credits: 1_000_000 },
      )
    ).run.id;

  // 1. Overhead per step, one step at a time.
  const providerMs = { value: 0 };
  const timedClient = (provider: Parameters<typeof providerClient>[0]) =>
    timedStream(providerClient(provider), providerMs);
  const overheads: number[] = [];
  const stepsWanted = Number(options.steps);
  const warmUp = 30;
  const overheadTimes = new StatementTimes();
  while (overheads.length < stepsWanted + warmUp) {
    const runId = await newRun(userId, 1);
    const engine = createEngine({ db, log, kinds: runKinds, runIds: [runId], clientFor: timedClient });
    for (;;) {
      // Statements of this tick, kept only if it ran a step (the run's last, empty claim is not a step).
      const tickTimes = new StatementTimes();
      sink.times = tickTimes;
      providerMs.value = 0;
      const started = performance.now();
      const claimed = await tick(engine, 1);
      if (claimed === 0) break;
      overheads.push(performance.now() - started - providerMs.value);
      if (overheads.length > warmUp) overheadTimes.merge(tickTimes);
    }
  }
  sink.times = undefined;
  const measured = overheads.slice(warmUp);
  const overhead = summarise(measured);
  const meanOverhead = measured.reduce((a, b) => a + b, 0) / measured.length;

  // 2. Throughput: many runs at once, interleaved by owner count; the first round warms up.
  const lockWaits = async () => {
    await sleep(1_100); // backends report function times at most once a second
    const { rows } = await admin.query<{ calls: string; self: number }>(
      `select calls, self_time as self from pg_stat_user_functions where schemaname = 'private' and funcname = 'lock_credit_account'`,
    );
    return rows[0] ? rows[0].self / Number(rows[0].calls) : 0;
  };
  interface Round {
    stepsPerSecond: number;
    executed: number;
    seconds: number;
    unfinished: number;
    nodeCpu: number;
    postgresCpu: number;
    lockWait: number;
    times: StatementTimes;
  }
  const rounds = new Map<number, Round[]>(userCounts.map((n) => [n, []]));
  const runCount = Number(options.runs);
  for (let round = 0; round < Number(options.rounds); round++) {
    for (const owners of userCounts) {
      const runIds: string[] = [];
      for (let i = 0; i < runCount; i++) runIds.push(await newRun(users[i % owners]!, 5));
      const times = new StatementTimes();
      await admin.query('select pg_stat_reset()');
      sink.times = times;
      const cpu = process.cpuUsage();
      const postgresBefore = postgresCpuMs();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 4 }, () =>
          runWorker(createEngine({ db, log, kinds: runKinds, runIds }), { ...workerDefaults(), idleMs: 200 }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const postgresUsed = postgresCpuMs() - postgresBefore;
      sink.times = undefined;
      const { rows } = await admin.query<{ executed: string; unfinished: string }>(
        `select (select count(*) from public.run_steps where run_id = any($1::uuid[]) and status = 'completed') as executed,
                (select count(*) from public.runs where id = any($1::uuid[]) and status <> 'completed') as unfinished`,
        [runIds],
      );
      const executed = Number(rows[0]?.executed);
      if (round > 0)
        rounds.get(owners)!.push({
          stepsPerSecond: executed / seconds,
          executed,
          seconds,
          unfinished: Number(rows[0]?.unfinished),
          nodeCpu: (used.user + used.system) / 1000 / executed,
          postgresCpu: postgresUsed / executed,
          lockWait: await lockWaits(),
          times,
        });
    }
  }

  // 3. POST → first plan token, with the worker dispatched over HTTP as on Netlify.
  const dispatched: Promise<unknown>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(202).end();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value);
      dispatched.push(
        worker(
          new Request(`http://127.0.0.1:${workerPort}${req.url}`, {
            method: 'POST',
            headers,
            body: Buffer.concat(chunks),
          }),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(workerPort, '127.0.0.1', resolve));
  const token = await new SignJWT({ sub: userId, aud: 'authenticated', role: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(platform.env.SUPABASE_JWT_SECRET));
  const firstTokens: number[] = [];
  const posts = Number(options.posts);
  for (let i = 0; i < posts + 3; i++) {
    const request = new Request('http://localhost/api/agents/team-run', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        task: 'Benchmark task.',
        employee_ids: ids.slice(0, 3),
        budget_credits: 1_000_000,
      }),
    });
    const response = await teamRun(request, { waitUntil: () => {} } as never);
    const returnedAt = Date.now();
    const { run } = (await response.json()) as { run: { id: string } };
    for (;;) {
      const { rows } = await admin.query<{ at: Date }>(
        `select created_at as at from public.run_events where run_id = $1 and type = 'step_delta' and step_key = 'plan' order by seq limit 1`,
        [run.id],
      );
      if (rows[0]) {
        if (i >= 3) firstTokens.push(rows[0].at.getTime() - returnedAt);
        break;
      }
      await sleep(2);
    }
  }
  const firstToken = summarise(firstTokens);

  console.log('');
  table(
    ['figure', 'p50', 'p99', 'n', 'target'],
    [
      [
        'engine overhead per step (claim → finish, provider excluded), ms',
        ms(overhead.p50),
        ms(overhead.p99),
        String(overhead.n),
        `≤ ${targets.overheadP50} p50`,
      ],
      [
        "POST 202 → plan's first token in run_events, ms",
        ms(firstToken.p50),
        ms(firstToken.p99),
        String(firstToken.n),
        `≤ ${targets.firstTokenP50} p50`,
      ],
    ],
  );

  console.log('\nWhere one step at a time spends its overhead (mean per step, ms):\n');
  const perStep = [...overheadTimes.trips].map(([label, trips]) => ({
    label,
    calls: trips.length / overhead.n,
    p50: median(trips),
    mean: trips.reduce((a, b) => a + b, 0) / overhead.n,
  }));
  const inStatements = perStep.reduce((sum, s) => sum + s.mean, 0);
  table(
    ['stage', 'calls per step', 'round trip p50', 'mean per step'],
    [
      ...perStep
        .sort((a, b) => b.mean - a.mean)
        .map((s) => [s.label, s.calls.toFixed(2), ms(s.p50), ms(s.mean)]),
      ['engine code between statements (JS, pool)', '', '', ms(meanOverhead - inStatements)],
      ['whole overhead (mean)', '', '', ms(meanOverhead)],
    ],
  );

  console.log('');
  table(
    ['throughput (stand-in at 0 ms, 4 workers × 16)', 'steps/s (median)', 'rounds', 'target'],
    userCounts.map((owners) => {
      const measuredRounds = rounds.get(owners)!;
      return [
        `${runCount} runs × 7 steps at once, owned by ${owners === 1 ? 'one user' : `${owners} users`}`,
        median(measuredRounds.map((r) => r.stepsPerSecond)).toFixed(0),
        measuredRounds
          .map(
            (r) =>
              `${r.stepsPerSecond.toFixed(0)} (${r.executed} in ${r.seconds.toFixed(2)} s, unfinished ${r.unfinished})`,
          )
          .join('; '),
        `≥ ${targets.stepsPerSecond}`,
      ];
    }),
  );
  for (const owners of userCounts) {
    const measuredRounds = rounds.get(owners)!;
    const last = measuredRounds[measuredRounds.length - 1]!;
    console.log(
      `\n${owners === 1 ? 'One user' : `${owners} users`}: CPU per step ${median(measuredRounds.map((r) => r.nodeCpu)).toFixed(2)} ms in this process, ${median(measuredRounds.map((r) => r.postgresCpu)).toFixed(2)} ms in Postgres; credit-account lock wait ${median(measuredRounds.map((r) => r.lockWait)).toFixed(2)} ms per lock (medians). Statements of the last round (ms):\n`,
    );
    table(
      ['statement', 'n', 'pool wait p50', 'pool wait p90', 'round trip p50', 'round trip p90'],
      [...last.times.trips].map(([label, trips]) => {
        const wait = summarise(last.times.waits.get(label)!);
        const trip = summarise(trips);
        return [label, String(trip.n), ms(wait.p50), ms(wait.p90), ms(trip.p50), ms(trip.p90)];
      }),
    );
  }

  // The dispatched workers finish their runs before the pools they use are closed.
  await Promise.allSettled(dispatched);
  server.close();
  await admin.end();
  await workerDb(platform.databaseUrl).end();
  await platform.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
