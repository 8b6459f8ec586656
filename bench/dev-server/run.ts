/**
 * What a developer waits for (`npm run bench -- dev-server [--calls 200]`): `npm run dev` is run as a
 * developer runs it, in a throw-away git worktree of HEAD (node_modules linked from this checkout)
 * on free ports, and measured from the outside:
 *
 * 1. cold start (no `.local/`) and warm start (`.local/` kept) to the first `/api/health` 200;
 * 2. warm `/api/health` latency through the dev server, p50/p99 over `--calls` requests;
 * 3. a chat's first token: `POST /api/agents/execute` as the demo user, to the first `delta` event;
 * 4. the free plan's LLM rate limit: calls until the first 429 and its Retry-After;
 * 5. what `.netlify/` holds afterwards.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { demoAnonKey } from '../../dev/config';
import { freePort } from '../../dev/ports';
import { ms as fixed, summarise } from '../llm-gateway/stats';

const ms = (value: number) => `${fixed(value)} ms`;

const { values: options } = parseArgs({ options: { calls: { type: 'string', default: '200' } } });
const root = path.resolve(import.meta.dirname, '../..');

async function main() {
  console.log(
    `load average: ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  const tree = mkdtempSync(path.join(os.tmpdir(), 'bench-dev-server-'));
  // initdb runs as the postgres user, which must be able to reach .local/ inside the tree.
  chmodSync(tree, 0o755);
  execFileSync('git', ['worktree', 'add', '--detach', tree, 'HEAD'], { cwd: root, stdio: 'ignore' });
  symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
  const ports = {
    LOCAL_APP_PORT: await freePort(),
    LOCAL_SUPABASE_PORT: await freePort(),
    LOCAL_DB_PORT: await freePort(),
    LOCAL_LLM_PORT: await freePort(),
    LOCAL_STRIPE_PORT: await freePort(),
  };
  const app = `http://localhost:${ports.LOCAL_APP_PORT}`;
  const rows: Array<[string, string]> = [];
  try {
    let dev = startDev(tree, ports);
    rows.push(['cold start → /api/health 200 (fresh .local/)', ms(await untilHealthy(app, dev.startedAt))]);
    await stopDev(dev.child);
    dev = startDev(tree, ports);
    rows.push(['warm start → /api/health 200 (.local/ kept)', ms(await untilHealthy(app, dev.startedAt))]);

    const health: number[] = [];
    for (let i = 0; i < Number(options.calls); i++) {
      const started = performance.now();
      const response = await fetch(`${app}/api/health`);
      await response.arrayBuffer();
      health.push(performance.now() - started);
    }
    const healthStats = summarise(health);
    rows.push([
      `warm /api/health p50 / p99 (${health.length} calls)`,
      `${ms(healthStats.p50)} / ${ms(healthStats.p99)}`,
    ]);

    const token = await signInDemo(`http://127.0.0.1:${ports.LOCAL_SUPABASE_PORT}`);
    const employeeId = await demoHire(`http://127.0.0.1:${ports.LOCAL_SUPABASE_PORT}`, token);
    const ttft: number[] = [];
    for (let i = 0; i < 5; i++) ttft.push(await firstToken(app, token, employeeId));
    rows.push(['chat first token (agents/execute → first delta), median of 5', ms(summarise(ttft).p50)]);

    let answered = ttft.length;
    for (;;) {
      const response = await execute(app, token, employeeId, '[[llm:tokens=1]] count me');
      await response.arrayBuffer();
      if (response.status === 429) {
        rows.push([
          'free plan: chat calls answered before a 429',
          `${answered} (then 429, Retry-After ${response.headers.get('retry-after')} s)`,
        ]);
        break;
      }
      answered += 1;
      if (answered > 50) {
        rows.push([
          'free plan: chat calls answered before a 429',
          `${answered}, no 429 — rate limit not applied`,
        ]);
        break;
      }
    }
    await stopDev(dev.child);
    rows.push(['.netlify/ afterwards', `${(sizeOf(path.join(tree, '.netlify')) / 1024).toFixed(1)} kB`]);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${'measure'.padEnd(width)}  value\n${'-'.repeat(width)}  -----`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

function startDev(cwd: string, ports: Record<string, number>) {
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/cli.ts', 'dev'], {
    cwd,
    env,
    stdio: 'ignore',
  });
  return { child, startedAt: performance.now() };
}

async function stopDev(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

async function untilHealthy(app: string, startedAt: number): Promise<number> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const status = await fetch(`${app}/api/health`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (status === 200) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('/api/health did not answer 200 within 5 minutes');
}

async function signInDemo(supabase: string): Promise<string> {
  const response = await fetch(`${supabase}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: demoAnonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'demo@example.com', password: 'password123' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`demo sign-in failed: ${response.status}`);
  return body.access_token;
}

async function demoHire(supabase: string, token: string): Promise<string> {
  const response = await fetch(
    `${supabase}/rest/v1/purchased_employees?select=employee_id&is_active=eq.true&limit=1`,
    {
      headers: { apikey: demoAnonKey, authorization: `Bearer ${token}` },
    },
  );
  const [hire] = (await response.json()) as Array<{ employee_id: string }>;
  if (!hire) throw new Error('the demo user has no active hire');
  return hire.employee_id;
}

function execute(app: string, token: string, employeeId: string, message: string) {
  return fetch(`${app}/api/agents/execute`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: app },
    body: JSON.stringify({ employee_id: employeeId, message }),
  });
}

async function firstToken(app: string, token: string, employeeId: string): Promise<number> {
  const started = performance.now();
  const response = await execute(app, token, employeeId, '[[llm:tokens=8]] Say hello.');
  if (!response.ok || !response.body) throw new Error(`agents/execute answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let elapsed: number | undefined;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += chunk.value;
    if (elapsed === undefined && buffer.includes('event: delta')) elapsed = performance.now() - started;
  }
  if (elapsed === undefined) throw new Error('the answer streamed no delta');
  return elapsed;
}

function sizeOf(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.size;
  return readdirSync(target).reduce((total, entry) => total + sizeOf(path.join(target, entry)), info.size);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
