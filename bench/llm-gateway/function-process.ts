/**
 * The gateway function in a process of its own, as a function instance runs apart from its
 * callers: `POST /api/llm/:provider` served over HTTP (serve-function.ts), with the environment
 * of the parent's throw-away platform. Prints its URL once listening.
 *
 * With `--breakdown`, it also measures where a request's time goes inside the instance, for the
 * parent to ask for over IPC ('breakdown:start' → 'breakdown:report'): the event loop's delay,
 * waits for a pooled connection, each statement by name (client side: queue + network + server),
 * and the provider SDK's call (the stand-in's own time included).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { freePort } from '../../dev/ports';
import { serveFunction } from './serve-function';

const breakdown = process.argv.includes('--breakdown');
const samples = new Map<string, number[]>();
let recording = false;
const record = (stage: string, ms: number) => {
  if (!recording) return;
  let list = samples.get(stage);
  if (!list) samples.set(stage, (list = []));
  list.push(ms);
};

async function instrument() {
  const { getDb } = await import('../../netlify/lib/db');
  const { providerClient } = await import('../../netlify/lib/llm/providers');
  const pool = getDb();
  const connect = pool.connect.bind(pool) as (cb: (...args: unknown[]) => void) => void;
  (pool as unknown as { connect: unknown }).connect = (cb?: (...args: unknown[]) => void) => {
    const started = performance.now();
    if (!cb) return (connect as unknown as () => Promise<unknown>)();
    return connect((...args: unknown[]) => {
      record('pool wait', performance.now() - started);
      cb(...args);
    });
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    const name = /(\w+\.\w+)\(/.exec(text)?.[1] ?? text.slice(0, 24);
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      record(`sql ${name}`, performance.now() - started);
    }
  };
  const client = providerClient('openai');
  const complete = client.complete.bind(client);
  client.complete = async (...args) => {
    const started = performance.now();
    try {
      return await complete(...args);
    } finally {
      record('provider SDK call', performance.now() - started);
    }
  };
}

async function main() {
  const { default: llmProxy } = await import('../../netlify/functions/llm-proxy.mjs');
  if (breakdown) await instrument();
  const served = await serveFunction(
    async (req, context) => {
      const started = performance.now();
      const response = await llmProxy(req, context);
      record('whole handler', performance.now() - started);
      return response;
    },
    (url) => ({ provider: url.pathname.split('/').at(-1) ?? '' }),
    await freePort(),
  );
  const loop = monitorEventLoopDelay({ resolution: 1 });
  process.on('message', (message) => {
    if (message === 'breakdown:start') {
      samples.clear();
      loop.reset();
      loop.enable();
      recording = true;
    } else if (message === 'breakdown:report') {
      recording = false;
      loop.disable();
      process.send?.({
        samples: Object.fromEntries(samples),
        loop: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      });
    }
  });
  // A normal exit, so that a --cpu-prof profile is written.
  process.once('SIGTERM', () => process.exit(0));
  process.stdout.write(`${served.url}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
