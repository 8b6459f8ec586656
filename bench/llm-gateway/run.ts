/**
 * The LLM gateway's own overhead (`npm run bench -- llm-gateway [--requests 400] [--seconds 4]
 * [--rounds 2] [--in-process] [--breakdown] [--portkey URL|npx] [--before DIR]`): the same calls straight to the LLM
 * stand-in and through `POST /api/llm/openai` (auth with a live session, rate limit, reserve, call
 * through the SDK, settle, usage row, stream relay), with 1,024 users on the max plan rotating so
 * that no per-user cache flatters the figures, in one run:
 *
 * 1. JSON: p50/p99 latency of each path, one call at a time, interleaved; the difference is the
 *    added latency.
 * 2. Streams: time to the first token of each path and the difference (added TTFT).
 * 3. JSON throughput: 32 concurrent clients for `--seconds` per path and round, rounds interleaved;
 *    requests/s and failures.
 * 4. Stream throughput: 32 concurrent streams, likewise.
 * 5. With `--breakdown`: where a gateway request's time goes inside the function under the 32
 *    concurrent JSON clients (event-loop delay, pool waits, each statement, the SDK call).
 * 6. Metering: every gateway call has one usage row, the ledger agrees, no hold is left.
 *
 * The function runs in a process of its own (function-process.ts), as a function instance does;
 * `--in-process` serves it in the benchmark's own process instead (the earlier harness). With
 * `--portkey URL`, a Portkey gateway listening there (pointed at the same stand-in) is a further
 * path, interleaved with the others; `--portkey npx` starts Portkey's open-source gateway itself
 * (`npx @portkey-ai/gateway@1.15.2`, not a dependency of the project). With `--before DIR` (a
 * checkout of another commit, with node_modules), that tree's gateway is a further path on a
 * throw-away platform of its own (its migrations, its stand-in), interleaved call by call with
 * this tree's: before/after in one run, under the same load. See README.md for how to read it.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { freePort } from '../../dev/ports';
import { serveFunction } from './serve-function';
import { ms, summarise } from './stats';

const { values: options } = parseArgs({
  options: {
    requests: { type: 'string', default: '400' },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    'in-process': { type: 'boolean', default: false },
    breakdown: { type: 'boolean', default: false },
    portkey: { type: 'string' },
    before: { type: 'string' },
  },
});
const requests = Number(options.requests);
const sliceMs = Number(options.seconds) * 1000;
const rounds = Number(options.rounds);
const concurrency = 32;
const model = 'gpt-4o-mini';
/** Users to spread the calls over (each may make 120 a minute on the max plan). */
const userCount = 1024;

const targets = { p50: 3, p99: 12, ttft: 5, rps: 400, streams: -10 };
const portkeyVersion = '1.15.2';
const warmUpCalls = 200;

/** The gateway function of this tree, or of the tree at `root` (`--before`), serving over HTTP. */
async function startGateway(env: Record<string, string>, root?: string) {
  if (options['in-process'] && root === undefined) {
    Object.assign(process.env, env, { LOG_LEVEL: 'silent' });
    const { default: llmProxy } = await import('../../netlify/functions/llm-proxy.mjs');
    const served = await serveFunction(
      llmProxy,
      (url) => ({ provider: url.pathname.split('/').at(-1) ?? '' }),
      await freePort(),
    );
    return { url: served.url, child: undefined, stop: () => served.stop() };
  }
  const child = fork(
    `${root ?? new URL('../..', import.meta.url).pathname}/bench/llm-gateway/function-process.ts`,
    options.breakdown ? ['--breakdown'] : [],
    {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      execArgv: [
        '--import',
        'tsx',
        ...(process.env.BENCH_FUNCTION_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_FUNCTION_PROFILE}`]
          : []),
      ],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      ...(root ? { cwd: root } : {}),
    },
  );
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return {
    url: chunk.toString().trim(),
    child,
    stop: async () => {
      child.kill();
      await once(child, 'exit');
    },
  };
}

/** Portkey's open-source gateway through npx, on a free loopback port; resolves once it listens. */
async function startPortkey(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'npx',
    ['-y', `@portkey-ai/gateway@${portkeyVersion}`, '--headless', `--port=${port}`],
    {
      env: { ...process.env, TRUSTED_CUSTOM_HOSTS: '127.0.0.1,localhost' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  let seen = '';
  for await (const chunk of child.stdout!) {
    seen += String(chunk);
    if (seen.includes('Ready for connections')) break;
  }
  child.stdout!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      // npx runs the gateway as a child of its own: end the group this benchmark started.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** 1,024 users on the max plan, each with a live session and a token carrying it. */
async function createUsers(admin: pg.Pool, jwtSecret: string): Promise<string[]> {
  const { SignJWT } = await import('jose');
  const { rows } = await admin.query<{ id: string }>(
    `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', 'bench-' || id || '@example.test', now(), '{}', '{}', now(), now()
     from (select gen_random_uuid() as id from generate_series(1, $1)) u
     returning id`,
    [userCount],
  );
  const ids = rows.map((r) => r.id);
  await admin.query(`update public.profiles set plan = 'max' where id = any($1::uuid[])`, [ids]);
  await admin.query(
    `select billing.grant_allowance(id, 1000000000000, now(), now() + interval '1 month', 'bench:' || id)
     from unnest($1::uuid[]) as id`,
    [ids],
  );
  const { rows: sessions } = await admin.query<{ id: string; user_id: string }>(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal)
     select gen_random_uuid(), id, now(), now(), 'aal1' from unnest($1::uuid[]) as id
     returning id, user_id`,
    [ids],
  );
  const secret = new TextEncoder().encode(jwtSecret);
  return Promise.all(
    sessions.map((s) =>
      new SignJWT({
        sub: s.user_id,
        aud: 'authenticated',
        role: 'authenticated',
        email: `bench-${s.user_id}@example.test`,
        session_id: s.id,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(secret),
    ),
  );
}

async function main() {
  console.log('starting a throw-away platform…');
  const platform = await startLocalPlatform({ mode: 'test' });
  const gateway = await startGateway(platform.env);
  const admin = new pg.Pool({ connectionString: platform.databaseUrl, max: 2 });
  console.log(`creating ${userCount} users…`);
  const tokens = await createUsers(admin, platform.env.SUPABASE_JWT_SECRET ?? '');
  let turn = 0;
  const nextToken = () => tokens[turn++ % tokens.length] as string;

  // The other tree's gateway, on a platform built from that tree (its migrations and stand-in).
  let before:
    | { gateway: Awaited<ReturnType<typeof startGateway>>; admin: pg.Pool; stop: () => Promise<void> }
    | undefined;
  let beforeTokens: string[] = [];
  if (options.before) {
    const root = options.before.replace(/\/$/, '');
    console.log(`starting a throw-away platform from ${root}…`);
    const { startLocalPlatform: startOther } = (await import(`${root}/dev/platform.ts`)) as {
      startLocalPlatform: typeof startLocalPlatform;
    };
    const other = await startOther({ mode: 'test' });
    const otherAdmin = new pg.Pool({ connectionString: other.databaseUrl, max: 2 });
    beforeTokens = await createUsers(otherAdmin, other.env.SUPABASE_JWT_SECRET ?? '');
    before = { gateway: await startGateway(other.env, root), admin: otherAdmin, stop: () => other.stop() };
  }
  const portkey =
    options.portkey === 'npx'
      ? await startPortkey()
      : options.portkey
        ? { url: options.portkey, stop: async () => {} }
        : undefined;

  const directUrl = `${platform.env.OPENAI_BASE_URL}/chat/completions`;
  const directHeaders = {
    authorization: `Bearer ${platform.env.OPENAI_API_KEY}`,
    'content-type': 'application/json',
  };
  const messages = (extra = '') => [
    { role: 'user', content: `Summarise the quarter in one paragraph. ${extra}`.trim() },
  ];
  const openAiBody = (stream: boolean, extra?: string) =>
    JSON.stringify({
      model,
      messages: messages(extra),
      max_completion_tokens: 256,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });

  type Send = (stream: boolean, extra?: string) => Promise<Response>;
  // Paths in this order: direct, gateway, then before and portkey when asked for (the targets read
  // the gateway's column). Portkey 1.15.2 answers every stream 500 on Node 20 (it appends to a fetch Response's immutable
  // headers), so it takes part in the JSON phases only.
  const paths: Array<{ name: string; send: Send; marker: string; streams: boolean }> = [
    {
      name: 'direct',
      send: (stream, extra) =>
        fetch(directUrl, { method: 'POST', headers: directHeaders, body: openAiBody(stream, extra) }),
      marker: '"content":"',
      streams: true,
    },
    {
      name: 'gateway',
      send: (stream, extra) =>
        fetch(`${gateway.url}/api/llm/openai`, {
          method: 'POST',
          headers: { authorization: `Bearer ${nextToken()}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model, messages: messages(extra), max_tokens: 256, stream }),
        }),
      marker: 'event: delta',
      streams: true,
    },
  ];
  if (before) {
    const url = before.gateway.url;
    paths.push({
      name: 'before',
      send: (stream, extra) =>
        fetch(`${url}/api/llm/openai`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${beforeTokens[turn++ % beforeTokens.length]}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ model, messages: messages(extra), max_tokens: 256, stream }),
        }),
      marker: 'event: delta',
      streams: true,
    });
  }
  if (portkey) {
    paths.push({
      name: 'portkey',
      send: (stream, extra) =>
        fetch(`${portkey.url}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            ...directHeaders,
            'x-portkey-provider': 'openai',
            'x-portkey-custom-host': platform.env.OPENAI_BASE_URL ?? '',
          },
          body: openAiBody(stream, extra),
        }),
      marker: '"content":"',
      streams: false,
    });
  }
  const streamPaths = paths.filter((p) => p.streams);
  const answered = new Map<string, number>();

  const timeJson = async (path: (typeof paths)[number]) => {
    const started = performance.now();
    const response = await path.send(false);
    if (response.status !== 200)
      throw new Error(`${path.name} JSON call failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    answered.set(path.name, (answered.get(path.name) ?? 0) + 1);
    return performance.now() - started;
  };
  /** Time to the first text token, then reads the rest. */
  const timeFirstToken = async (path: (typeof paths)[number], extra?: string) => {
    const started = performance.now();
    const response = await path.send(true, extra);
    if (response.status !== 200 || !response.body)
      throw new Error(`${path.name} stream failed: ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    let first = Number.NaN;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (Number.isNaN(first)) {
        seen += decoder.decode(next.value, { stream: true });
        if (seen.includes(path.marker)) first = performance.now() - started;
      }
    }
    answered.set(path.name, (answered.get(path.name) ?? 0) + 1);
    return first;
  };

  console.log(`warming up (${warmUpCalls} calls per path)…`);
  for (let i = 0; i < warmUpCalls; i++) for (const path of paths) await timeJson(path);

  console.log(`JSON: ${requests} calls per path, interleaved…`);
  const json = new Map(paths.map((p) => [p.name, [] as number[]]));
  for (let i = 0; i < requests; i++)
    for (const path of paths) json.get(path.name)!.push(await timeJson(path));

  console.log(`streams: ${requests} per path, time to first token…`);
  const ttft = new Map(streamPaths.map((p) => [p.name, [] as number[]]));
  for (let i = 0; i < requests; i++)
    for (const path of streamPaths) ttft.get(path.name)!.push(await timeFirstToken(path));

  /** `concurrency` clients for one slice; completed per second and failures. */
  const slice = async (run: () => Promise<unknown>) => {
    const deadline = performance.now() + sliceMs;
    let done = 0;
    let failed = 0;
    const worker = async () => {
      while (performance.now() < deadline) {
        try {
          await run();
          done += 1;
        } catch {
          failed += 1;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { perSecond: done / ((performance.now() - started) / 1000), failed };
  };
  const interleavedSlices = async (
    label: string,
    on: typeof paths,
    run: (path: (typeof paths)[number]) => Promise<unknown>,
  ) => {
    console.log(
      `${label}: ${concurrency} concurrent clients, ${rounds} rounds of ${sliceMs / 1000}s per path…`,
    );
    const results = new Map(on.map((p) => [p.name, [] as Array<{ perSecond: number; failed: number }>]));
    for (let round = 0; round < rounds; round++)
      for (const path of on) results.get(path.name)!.push(await slice(() => run(path)));
    return results;
  };
  const jsonThroughput = await interleavedSlices('JSON throughput', paths, (path) => timeJson(path));
  // 32 tokens at 200 tokens/s: about 160 ms of streaming per answer, as a fast model would.
  const paced = '[[llm:tokens=32]] [[llm:rate=200]]';
  const streamThroughput = await interleavedSlices('stream throughput', streamPaths, (path) =>
    timeFirstToken(path, paced),
  );

  let breakdown: { samples: Record<string, number[]>; loop: Record<string, number> } | undefined;
  if (options.breakdown && gateway.child) {
    console.log(
      `breakdown: ${concurrency} concurrent JSON clients for ${sliceMs / 1000}s through the gateway…`,
    );
    gateway.child.send('breakdown:start');
    await slice(() => timeJson(paths.find((p) => p.name === 'gateway')!));
    gateway.child.send('breakdown:report');
    [breakdown] = (await once(gateway.child, 'message')) as [typeof breakdown];
  }

  const median = (values: number[]) => summarise(values).p50;
  const addedOf = (sample: Map<string, number[]>, key: 'p50' | 'p99', name: string) =>
    summarise(sample.get(name)!)[key] - summarise(sample.get('direct')!)[key];
  const ratio = (sample: Map<string, number[]>, key: 'p50' | 'p99', name: string) =>
    `${(addedOf(sample, key, 'gateway') / addedOf(sample, key, name)).toFixed(2)}×`;
  const row = (cells: Array<string | number>) => console.log(`| ${cells.join(' | ')} |`);
  const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
  const d = { json: summarise(json.get('direct')!), ttft: summarise(ttft.get('direct')!) };
  console.log('');
  row(['measure', ...paths.map((p) => p.name), ...paths.slice(1).map((p) => `${p.name} added`), 'target']);
  row(['---', ...paths.map(() => '---:'), ...paths.slice(1).map(() => '---:'), '---']);
  for (const [label, key, sample] of [
    ['JSON p50 (ms)', 'p50', json],
    ['JSON p90 (ms)', 'p90', json],
    ['JSON p99 (ms)', 'p99', json],
    ['stream TTFT p50 (ms)', 'p50', ttft],
    ['stream TTFT p99 (ms)', 'p99', ttft],
  ] as const) {
    const base = summarise(sample.get('direct')!)[key];
    const of = (name: string) => (sample.has(name) ? summarise(sample.get(name)!)[key] : Number.NaN);
    const added = paths.slice(1).map((p) => of(p.name) - base);
    const target =
      label === 'JSON p50 (ms)'
        ? `≤ ${targets.p50} ${verdict((added[0] ?? 0) <= targets.p50)}`
        : label === 'JSON p99 (ms)'
          ? `≤ ${targets.p99} ${verdict((added[0] ?? 0) <= targets.p99)}`
          : label === 'stream TTFT p50 (ms)'
            ? `≤ ${targets.ttft} ${verdict((added[0] ?? 0) <= targets.ttft)}`
            : '';
    row([label, ...paths.map((p) => ms(of(p.name))), ...added.map(ms), target]);
  }
  for (const [label, results, isStreams] of [
    [`JSON at ${concurrency} clients (req/s)`, jsonThroughput, false],
    [`${concurrency} concurrent streams (streams/s)`, streamThroughput, true],
  ] as const) {
    const rates = paths.map((p) => {
      const of = results.get(p.name);
      return of ? median(of.map((r) => r.perSecond)) : Number.NaN;
    });
    const failures = paths.map((p) => (results.get(p.name) ?? []).reduce((sum, r) => sum + r.failed, 0));
    const vsDirect = rates.slice(1).map((rate) => `${((rate / rates[0]! - 1) * 100).toFixed(1)} %`);
    const target = isStreams
      ? `within 10 % ${verdict((rates[1]! / rates[0]! - 1) * 100 >= targets.streams)}`
      : `≥ ${targets.rps}, 0 failed ${verdict(rates[1]! >= targets.rps && failures[1] === 0)}`;
    row([label, ...rates.map((r, i) => `${r.toFixed(0)} (${failures[i]} failed)`), ...vsDirect, target]);
  }
  console.log(`\ndirect JSON p50 ${ms(d.json.p50)} ms, TTFT p50 ${ms(d.ttft.p50)} ms`);
  for (const name of ['before', 'portkey'].filter((n) => json.has(n)))
    console.log(
      `gateway / ${name}: JSON p50 added ${ratio(json, 'p50', name)}, p99 added ${ratio(json, 'p99', name)}, ` +
        `req/s at ${concurrency} clients ${(median(jsonThroughput.get('gateway')!.map((r) => r.perSecond)) / median(jsonThroughput.get(name)!.map((r) => r.perSecond))).toFixed(2)}×`,
    );

  if (breakdown) {
    console.log(`\nwhere a gateway request's time goes, ${concurrency} concurrent JSON clients (ms):\n`);
    row(['stage', 'count', 'p50', 'p90', 'p99']);
    row(['---', '---:', '---:', '---:', '---:']);
    for (const [stage, values] of Object.entries(breakdown.samples).sort()) {
      const s = summarise(values);
      row([stage, s.n, ms(s.p50), ms(s.p90), ms(s.p99)]);
    }
    row(['event-loop delay', '', ms(breakdown.loop.p50 ?? 0), '', ms(breakdown.loop.p99 ?? 0)]);
  }

  for (const [name, db] of [
    ['gateway', admin],
    ...(before ? [['before', before.admin] as const] : []),
  ] as const) {
    const calls = answered.get(name) ?? 0;
    const { rows } = await db.query<{
      calls: string;
      estimated: string;
      errors: string;
      usage_credits: string;
      ledger_credits: string;
      active_holds: string;
    }>(
      `select count(*) as calls, count(*) filter (where estimated) as estimated,
              count(*) filter (where status <> 'ok') as errors, coalesce(sum(credits_charged), 0) as usage_credits,
              (select coalesce(-sum(amount), 0) from public.credit_ledger where kind = 'usage') as ledger_credits,
              (select count(*) from public.credit_reservations where status = 'active') as active_holds
       from public.token_usage`,
    );
    const m = rows[0]!;
    const exact =
      Number(m.calls) === calls &&
      m.estimated === '0' &&
      m.errors === '0' &&
      m.usage_credits === m.ledger_credits &&
      m.active_holds === '0';
    console.log(
      `\nmetered (${name}): ${calls} calls answered, ${m.calls} usage rows (estimated: ${m.estimated}, not ok: ${m.errors}); ` +
        `${m.usage_credits} credits in usage rows, ${m.ledger_credits} in the ledger; active holds: ${m.active_holds} — ${exact ? 'exact' : 'NOT EXACT'}`,
    );
  }

  await portkey?.stop();
  if (before) {
    await before.admin.end();
    await before.gateway.stop();
    await before.stop();
  }
  await admin.end();
  await gateway.stop();
  await platform.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
