/**
 * The LLM gateway's own overhead (`npm run bench -- llm-gateway [--requests 400] [--seconds 8]`):
 * the same calls straight to the LLM stand-in and through `POST /api/llm/openai` (auth, rate
 * limit, reserve, call through the SDK, settle, usage row, stream relay), in one run:
 *
 * 1. JSON: p50/p99 latency of each path and the difference (added latency).
 * 2. Streams: time to the first token of each path and the difference (added TTFT).
 * 3. Throughput: 32 concurrent streams for `--seconds`, through the gateway and directly.
 *
 * Everything runs in this process on a throw-away platform; see README.md for how to read it.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { freePort } from '../../dev/ports';
import { serveFunction } from './serve-function';
import { ms, summarise } from './stats';

const { values: options } = parseArgs({
  options: { requests: { type: 'string', default: '400' }, seconds: { type: 'string', default: '8' } },
});
const requests = Number(options.requests);
const throughputMs = Number(options.seconds) * 1000;
const concurrency = 32;
const model = 'gpt-4o-mini';
/** Users to spread the calls over: each may make 120 a minute on the max plan. */
const userCount = 64;

const targets = { p50: 3, p99: 15, ttft: 5 };
const warmUpCalls = 200;

async function main() {
  console.log('starting a throw-away platform…');
  const platform = await startLocalPlatform({ mode: 'test' });
  Object.assign(process.env, platform.env, { LOG_LEVEL: 'silent' });
  const { default: llmProxy } = await import('../../netlify/functions/llm-proxy.mjs');
  const { closeDbPools } = await import('../../netlify/lib/db');
  const { SignJWT } = await import('jose');
  const gateway = await serveFunction(
    llmProxy,
    (url) => ({ provider: url.pathname.split('/').at(-1) ?? '' }),
    await freePort(),
  );

  const admin = new pg.Pool({ connectionString: platform.databaseUrl, max: 2 });
  const tokens: string[] = [];
  const secret = new TextEncoder().encode(platform.env.SUPABASE_JWT_SECRET);
  for (let i = 0; i < userCount; i++) {
    const id = crypto.randomUUID();
    await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, now(), '{}', '{}', now(), now())`,
      [id, `bench-${id}@example.test`],
    );
    await admin.query(`update public.profiles set plan = 'max' where id = $1`, [id]);
    await admin.query(
      `select billing.grant_allowance($1, 1000000000000, now(), now() + interval '1 month', $2)`,
      [id, `bench:${id}`],
    );
    tokens.push(
      await new SignJWT({
        sub: id,
        aud: 'authenticated',
        role: 'authenticated',
        email: `bench-${id}@example.test`,
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(secret),
    );
  }
  let turn = 0;
  const nextToken = () => tokens[turn++ % tokens.length] as string;

  const directUrl = `${platform.env.OPENAI_BASE_URL}/chat/completions`;
  const directHeaders = {
    authorization: `Bearer ${platform.env.OPENAI_API_KEY}`,
    'content-type': 'application/json',
  };
  const messages = (extra = '') => [
    { role: 'user', content: `Summarise the quarter in one paragraph. ${extra}`.trim() },
  ];

  const direct = (stream: boolean, extra?: string) =>
    fetch(directUrl, {
      method: 'POST',
      headers: directHeaders,
      body: JSON.stringify({
        model,
        messages: messages(extra),
        max_completion_tokens: 256,
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      }),
    });
  const viaGateway = (stream: boolean, extra?: string) =>
    fetch(`${gateway.url}/api/llm/openai`, {
      method: 'POST',
      headers: { authorization: `Bearer ${nextToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: messages(extra), max_tokens: 256, stream }),
    });

  const timeJson = async (send: () => Promise<Response>) => {
    const started = performance.now();
    const response = await send();
    if (response.status !== 200)
      throw new Error(`JSON call failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  /** Time to the first text token, then reads the rest. */
  const timeFirstToken = async (send: () => Promise<Response>, marker: string) => {
    const started = performance.now();
    const response = await send();
    if (response.status !== 200 || !response.body) throw new Error(`stream failed: ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    let first = Number.NaN;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (Number.isNaN(first)) {
        seen += decoder.decode(next.value, { stream: true });
        if (seen.includes(marker)) first = performance.now() - started;
      }
    }
    return first;
  };
  const directMarker = '"content":"';
  const gatewayMarker = 'event: delta';

  // A function instance that serves traffic runs JIT-compiled code with every database session's
  // plans cached; the figures are of that steady state, not of the first calls after a cold start.
  console.log(`warming up (${warmUpCalls} calls per path)…`);
  for (let i = 0; i < warmUpCalls; i++) {
    await timeJson(() => direct(false));
    await timeJson(() => viaGateway(false));
  }

  console.log(`JSON: ${requests} calls per path, interleaved…`);
  const jsonDirect: number[] = [];
  const jsonGateway: number[] = [];
  for (let i = 0; i < requests; i++) {
    jsonDirect.push(await timeJson(() => direct(false)));
    jsonGateway.push(await timeJson(() => viaGateway(false)));
  }

  console.log(`streams: ${requests} per path, time to first token…`);
  const ttftDirect: number[] = [];
  const ttftGateway: number[] = [];
  for (let i = 0; i < requests; i++) {
    ttftDirect.push(await timeFirstToken(() => direct(true), directMarker));
    ttftGateway.push(await timeFirstToken(() => viaGateway(true), gatewayMarker));
  }

  // 32 tokens at 200 tokens/s: about 160 ms of streaming per answer, as a fast model would.
  const paced = '[[llm:tokens=32]] [[llm:rate=200]]';
  const throughput = async (send: () => Promise<Response>, marker: string) => {
    const deadline = performance.now() + throughputMs;
    let streams = 0;
    const worker = async () => {
      while (performance.now() < deadline) {
        await timeFirstToken(send, marker);
        streams += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return streams / ((performance.now() - started) / 1000);
  };
  console.log(`throughput: ${concurrency} concurrent streams for ${throughputMs / 1000}s per path…`);
  const streamsDirect = await throughput(() => direct(true, paced), directMarker);
  const streamsGateway = await throughput(() => viaGateway(true, paced), gatewayMarker);

  const jd = summarise(jsonDirect);
  const jg = summarise(jsonGateway);
  const td = summarise(ttftDirect);
  const tg = summarise(ttftGateway);
  const added = { p50: jg.p50 - jd.p50, p99: jg.p99 - jd.p99, ttft: tg.p50 - td.p50 };
  const verdict = (value: number, target: number) => (value <= target ? 'ok' : 'MISSED');

  console.log('');
  console.log('| measure | direct | via gateway | added | target |');
  console.log('|---|---:|---:|---:|---|');
  console.log(
    `| JSON p50 (ms) | ${ms(jd.p50)} | ${ms(jg.p50)} | ${ms(added.p50)} | ≤ ${targets.p50} ${verdict(added.p50, targets.p50)} |`,
  );
  console.log(`| JSON p90 (ms) | ${ms(jd.p90)} | ${ms(jg.p90)} | ${ms(jg.p90 - jd.p90)} | |`);
  console.log(
    `| JSON p99 (ms) | ${ms(jd.p99)} | ${ms(jg.p99)} | ${ms(added.p99)} | ≤ ${targets.p99} ${verdict(added.p99, targets.p99)} |`,
  );
  console.log(
    `| stream TTFT p50 (ms) | ${ms(td.p50)} | ${ms(tg.p50)} | ${ms(added.ttft)} | ≤ ${targets.ttft} ${verdict(added.ttft, targets.ttft)} |`,
  );
  console.log(`| stream TTFT p99 (ms) | ${ms(td.p99)} | ${ms(tg.p99)} | ${ms(tg.p99 - td.p99)} | |`);
  console.log(
    `| ${concurrency} concurrent streams (streams/s) | ${streamsDirect.toFixed(1)} | ${streamsGateway.toFixed(1)} | ${(
      (streamsGateway / streamsDirect - 1) *
      100
    ).toFixed(1)} % | |`,
  );

  const { rows } = await admin.query<{ calls: string; estimated: string; errors: string }>(
    `select count(*) as calls, count(*) filter (where estimated) as estimated, count(*) filter (where status <> 'ok') as errors
     from public.token_usage`,
  );
  console.log(
    `\nmetered calls: ${rows[0]?.calls} (estimated: ${rows[0]?.estimated}, not ok: ${rows[0]?.errors})`,
  );

  await admin.end();
  await gateway.stop();
  await closeDbPools();
  await platform.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
