/**
 * Benchmarks the local Storage server (`npm run bench -- storage [--rounds N]`): upload and
 * download throughput of 1 MB and 10 MB objects, and the latency of a 10 kB read through RLS —
 * each beside a plain Node HTTP server that copies the same bytes to and from a file on the same
 * disk, so the difference is the Storage server's own work (auth, the RLS check and metadata
 * transactions, hashing, headers). Starts a throw-away platform with one signed-up user and a
 * private bucket whose owner-folder policies are the ones a hosted project would write.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startLocalPlatform } from '../../dev/platform';
import { ms, summarise } from '../llm-gateway/stats';

const { values: options } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const rounds = Number(options.rounds);

/** A server that only copies bytes: POST /<name> streams the body to a file, GET /<name> back. */
async function startPlainServer(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(req.url ?? 'x'));
    if (req.method === 'POST') {
      pipeline(req, createWriteStream(file)).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        () => res.writeHead(500).end(),
      );
      return;
    }
    stat(file).then(
      (info) => {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(info.size),
        });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Target {
  upload(name: string, body: Buffer): Promise<void>;
  download(name: string): Promise<number>;
}

async function ok(response: Response): Promise<Response> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return response;
}

/** MB/s of one operation on `bytes`, from the median time (the machine is shared: outliers). */
const throughput = (bytes: number, seconds: number[]) => bytes / 1e6 / summarise(seconds).p50;

async function timeIt(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

type Targets = Record<'storage' | 'plain', Target>;
const both = ['storage', 'plain'] as const;

/** Both servers, interleaved operation by operation, so they share whatever load the machine has. */
async function measureThroughput(targets: Targets, bytes: number, count: number) {
  const body = Buffer.alloc(bytes, 7);
  const times = {
    storage: { up: [] as number[], down: [] as number[] },
    plain: { up: [] as number[], down: [] as number[] },
  };
  for (let index = 0; index < count + 2; index++) {
    const name = `tp-${bytes}-${index}-${Date.now()}.bin`;
    for (const key of both) {
      const target = targets[key];
      const up = await timeIt(() => target.upload(name, body));
      const down = await timeIt(async () => {
        const received = await target.download(name);
        if (received !== bytes) throw new Error(`downloaded ${received} of ${bytes} bytes`);
      });
      // The first two rounds warm up (JIT, connections, first files in the directories).
      if (index >= 2) {
        times[key].up.push(up);
        times[key].down.push(down);
      }
    }
  }
  const rate = (key: 'storage' | 'plain') => ({
    up: throughput(bytes, times[key].up),
    down: throughput(bytes, times[key].down),
  });
  return { storage: rate('storage'), plain: rate('plain') };
}

async function measureSmallReads(targets: Targets, count: number) {
  const name = `small-${Date.now()}.bin`;
  const samples = { storage: [] as number[], plain: [] as number[] };
  for (const key of both) await targets[key].upload(name, Buffer.alloc(10_000, 3));
  for (let i = 0; i < count + 50; i++) {
    for (const key of both) {
      const elapsed = (await timeIt(() => targets[key].download(name))) * 1000;
      if (i >= 50) samples[key].push(elapsed);
    }
  }
  return { storage: summarise(samples.storage), plain: summarise(samples.plain) };
}

async function main() {
  console.log(`starting a throw-away platform (${rounds} rounds per size)…`);
  const platform = await startLocalPlatform({ mode: 'test' });
  const plainDir = await mkdtemp(path.join(os.tmpdir(), 'bench-plain-'));
  const plain = await startPlainServer(plainDir);
  try {
    const { env } = platform;
    const signUp = await ok(
      await fetch(`${env.SUPABASE_URL}/auth/v1/signup`, {
        method: 'POST',
        headers: { apikey: env.SUPABASE_ANON_KEY as string, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `bench-${Date.now()}@example.test`, password: 'bench-password-123' }),
      }),
    );
    const session = (await signUp.json()) as { access_token: string; user: { id: string } };
    const admin = new pg.Client({ connectionString: platform.databaseUrl });
    await admin.connect();
    await admin.query(`
      set local storage.allow_delete_query = 'true';
      insert into storage.buckets (id, name, public) values ('bench', 'bench', false) on conflict do nothing;
      create policy "bench: owners write" on storage.objects for insert to authenticated
        with check (bucket_id = 'bench' and (storage.foldername(name))[1] = (select auth.uid())::text);
      create policy "bench: owners read" on storage.objects for select to authenticated
        using (bucket_id = 'bench' and (storage.foldername(name))[1] = (select auth.uid())::text);
    `);
    await admin.end();

    const headers = {
      apikey: env.SUPABASE_ANON_KEY as string,
      authorization: `Bearer ${session.access_token}`,
    };
    const base = `${env.SUPABASE_URL}/storage/v1/object`;
    const storage: Target = {
      async upload(name, body) {
        const response = await ok(
          await fetch(`${base}/bench/${session.user.id}/${name}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/octet-stream' },
            body: body as unknown as BodyInit,
          }),
        );
        await response.arrayBuffer();
      },
      async download(name) {
        const response = await ok(
          await fetch(`${base}/authenticated/bench/${session.user.id}/${name}`, { headers }),
        );
        return (await response.arrayBuffer()).byteLength;
      },
    };
    const copy: Target = {
      async upload(name, body) {
        await (
          await ok(await fetch(`${plain.url}/${name}`, { method: 'POST', body: body as unknown as BodyInit }))
        ).arrayBuffer();
      },
      async download(name) {
        return (await (await ok(await fetch(`${plain.url}/${name}`))).arrayBuffer()).byteLength;
      },
    };

    const targets: Targets = { storage, plain: copy };
    const bigRounds = Math.max(3, Math.round(rounds / 2));
    const rows: Array<[string, string, string, string]> = [];
    for (const [bytes, count] of [
      [1_000_000, rounds],
      [10_000_000, bigRounds],
    ] as const) {
      const { storage: s, plain: p } = await measureThroughput(targets, bytes, count);
      const size = `${bytes / 1e6} MB`;
      rows.push([`upload ${size} (MB/s)`, s.up.toFixed(0), p.up.toFixed(0), (p.up / s.up).toFixed(2)]);
      rows.push([
        `download ${size} (MB/s)`,
        s.down.toFixed(0),
        p.down.toFixed(0),
        (p.down / s.down).toFixed(2),
      ]);
    }
    const small = await measureSmallReads(targets, rounds * 25);
    for (const p of ['p50', 'p99'] as const) {
      const [a, b] = [small.storage[p], small.plain[p]];
      rows.push([`10 kB read ${p} (ms)`, ms(a), ms(b), (a / b).toFixed(2)]);
    }

    const load = os.loadavg().map((l) => l.toFixed(1));
    console.log(`\n${os.cpus().length} CPUs, load average ${load.join(' ')}`);
    console.log('| scenario | Storage (RLS) | plain Node copy | slowdown × |');
    console.log('|---|---:|---:|---:|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(
      `\nMedians of ${rounds} (1 MB) and ${bigRounds} (10 MB) uploads/downloads; ${small.storage.n} sequential 10 kB reads per server after 50 warm-up reads; the two servers interleaved.`,
    );
  } finally {
    await plain.close();
    await rm(plainDir, { recursive: true, force: true });
    await platform.stop();
  }
}

await main();
