/**
 * The run engine's figures (`npm run bench -- runs [--steps 300] [--runs 50] [--posts 20]`):
 *
 * 1. Overhead per step: claim → finish of one step at a time (claim, load, prepare, finish
 *    transaction with its settlement), the provider's own stream time subtracted. p50 / p99.
 * 2. Throughput: 50 team runs of 5 members (7 steps each) at once, the stand-in at zero latency,
 *    worked by 4 in-process workers of 16 steps each: steps per second.
 * 3. First plan token: from `POST /api/agents/team-run` returning 202 to the plan's first delta
 *    event in run_events (the worker dispatched over HTTP as in production). p50 / p99.
 *
 * Everything runs in this process on a throw-away platform; see README.md.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { freePort } from '../../dev/ports';
import { ms, summarise } from '../llm-gateway/stats';

const { values: options } = parseArgs({
  options: {
    steps: { type: 'string', default: '300' },
    runs: { type: 'string', default: '50' },
    posts: { type: 'string', default: '20' },
  },
});
const targets = { overheadP50: 5, stepsPerSecond: 200, firstTokenP50: 50 };

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
  const db = workerDb(platform.databaseUrl);

  // A max-plan user with plenty of credits and five hired employees (the seed's first five).
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
  const { rows: employees } = await admin.query<{ id: string }>(
    `select id from public.ai_employees where published order by slug limit 5`,
  );
  for (const e of employees)
    await admin.query('insert into public.purchased_employees (user_id, employee_id) values ($1, $2)', [
      userId,
      e.id,
    ]);
  const ids = employees.map((e) => e.id);
  const newRun = async (members: number, task = 'Benchmark task. [[llm:tokens=16]]') =>
    (
      await startTeamRun(
        getDb(),
        { id: userId, claims: { sub: userId } },
        {
          task,
          employee_ids: ids.slice(0, members),
          budget_credits: 1_000_000,
        },
      )
    ).run.id;

  // 1. Overhead per step, one step at a time.
  let providerMs = 0;
  const timedClient = (provider: Parameters<typeof providerClient>[0]) => {
    const client = providerClient(provider);
    return {
      ...client,
      provider: client.provider,
      complete: client.complete.bind(client),
      async *stream(request: Parameters<typeof client.stream>[0], signal: AbortSignal) {
        const started = performance.now();
        try {
          yield* client.stream(request, signal);
        } finally {
          providerMs += performance.now() - started;
        }
      },
    };
  };
  const overheads: number[] = [];
  const stepsWanted = Number(options.steps);
  const warmUp = 30;
  while (overheads.length < stepsWanted + warmUp) {
    const runId = await newRun(1);
    const engine = createEngine({ db, log, kinds: runKinds, runIds: [runId], clientFor: timedClient });
    for (;;) {
      providerMs = 0;
      const started = performance.now();
      const claimed = await tick(engine, 1);
      if (claimed === 0) break;
      overheads.push(performance.now() - started - providerMs);
    }
  }
  const overhead = summarise(overheads.slice(warmUp));

  // 2. Throughput: many runs at once.
  const runCount = Number(options.runs);
  const runIds: string[] = [];
  for (let i = 0; i < runCount; i++) runIds.push(await newRun(5));
  const before = await admin.query<{ n: string }>(
    `select count(*) as n from public.run_steps where status = 'completed'`,
  );
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, () =>
      runWorker(createEngine({ db, log, kinds: runKinds, runIds }), { ...workerDefaults(), idleMs: 200 }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const after = await admin.query<{ n: string }>(
    `select count(*) as n from public.run_steps where status = 'completed'`,
  );
  const executed = Number(after.rows[0]?.n) - Number(before.rows[0]?.n);
  const { rows: unfinished } = await admin.query<{ n: string }>(
    `select count(*) as n from public.runs where id = any($1::uuid[]) and status <> 'completed'`,
    [runIds],
  );

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
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const firstToken = summarise(firstTokens);

  console.log('');
  console.log('| figure | p50 | p99 | n | target |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(
    `| engine overhead per step (claim → finish, provider excluded), ms | ${ms(overhead.p50)} | ${ms(overhead.p99)} | ${overhead.n} | ≤ ${targets.overheadP50} p50 |`,
  );
  console.log(
    `| POST 202 → plan's first token in run_events, ms | ${ms(firstToken.p50)} | ${ms(firstToken.p99)} | ${firstToken.n} | ≤ ${targets.firstTokenP50} p50 |`,
  );
  console.log('');
  console.log('| throughput | value | target |');
  console.log('| --- | --- | --- |');
  console.log(
    `| steps per second (${runCount} runs × 7 steps at once, 4 workers × 16, stand-in at 0 ms) | ${(executed / elapsed).toFixed(0)} (${executed} steps in ${elapsed.toFixed(2)} s; unfinished runs: ${unfinished[0]?.n}) | ≥ ${targets.stepsPerSecond} |`,
  );

  // The dispatched workers finish their runs before the pools they use are closed.
  await Promise.allSettled(dispatched);
  server.close();
  await admin.end();
  await db.end();
  await platform.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
