/**
 * The load generator, run as a separate process by run.ts so it does not share an event loop with
 * the server: closed-loop workers (each sends its next request when the previous one answered),
 * keep-alive HTTP, latencies from `process.hrtime`. Reads a JSON plan on stdin, prints results.
 */
import http from 'node:http';
import pg from 'pg';

export interface HttpScenario {
  kind: 'http';
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** A function body is not serialisable: bodies are templates with `{n}` replaced per request. */
  body?: string;
  expectStatus: number;
}

export interface PgScenario {
  kind: 'pg';
  name: string;
  connectionString: string;
  /** Statements run in order on one connection per request (e.g. begin, set_config, query, commit). */
  statements: Array<{ text: string; values: unknown[] }>;
  /** Count the request done before its last statement completes, as the server does with COMMIT of reads. */
  lastInBackground?: boolean;
}

export type Scenario = HttpScenario | PgScenario;

export interface LoadPlan {
  scenarios: Scenario[];
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

const withCounter = (template: string, n: number) => template.replaceAll('{n}', String(n));

function httpRunner(scenario: HttpScenario, concurrency: number): () => Promise<boolean> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(scenario.url);
  let counter = 0;
  return () =>
    new Promise((resolve, reject) => {
      const body = scenario.body === undefined ? undefined : withCounter(scenario.body, counter++);
      // Like fetch/undici (supabase-js): a sized body, not chunked transfer encoding.
      const headers =
        body === undefined
          ? scenario.headers
          : { ...scenario.headers, 'content-length': String(Buffer.byteLength(body)) };
      const req = http.request(
        {
          agent,
          method: scenario.method,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === scenario.expectStatus));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

function pgRunner(
  scenario: PgScenario,
  concurrency: number,
): { run: () => Promise<boolean>; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString: scenario.connectionString, max: concurrency });
  return {
    run: async () => {
      const client = await pool.connect();
      const statements = scenario.lastInBackground ? scenario.statements.slice(0, -1) : scenario.statements;
      try {
        for (const statement of statements) await client.query(statement);
      } catch (error) {
        client.release();
        throw error;
      }
      const last = scenario.statements.at(-1);
      if (scenario.lastInBackground && last) {
        void client.query(last).then(
          () => client.release(),
          (error: Error) => client.release(error),
        );
      } else {
        client.release();
      }
      return true;
    },
    close: () => pool.end(),
  };
}

async function measure(run: () => Promise<boolean>, plan: LoadPlan): Promise<Omit<LoadResult, 'name'>> {
  const latencies: number[] = [];
  let errors = 0;
  const loop = async (until: number, record: boolean) => {
    while (Date.now() < until) {
      const start = process.hrtime.bigint();
      const ok = await run().catch(() => false);
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (!record) continue;
      latencies.push(elapsed);
      if (!ok) errors++;
    }
  };
  const warmUntil = Date.now() + plan.warmupMs;
  await Promise.all(Array.from({ length: plan.concurrency }, () => loop(warmUntil, false)));
  const started = Date.now();
  await Promise.all(Array.from({ length: plan.concurrency }, () => loop(started + plan.durationMs, true)));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: latencies.length, errors, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const plan = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoadPlan;
  const results: LoadResult[] = [];
  for (const scenario of plan.scenarios) {
    if (scenario.kind === 'http') {
      results.push({ name: scenario.name, ...(await measure(httpRunner(scenario, plan.concurrency), plan)) });
    } else {
      const runner = pgRunner(scenario, plan.concurrency);
      results.push({ name: scenario.name, ...(await measure(runner.run, plan)) });
      await runner.close();
    }
  }
  process.stdout.write(JSON.stringify(results));
}

await main();
