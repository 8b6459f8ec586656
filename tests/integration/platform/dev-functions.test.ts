/**
 * The dev server's functions (dev/functions, ADR 0023) behave as Netlify runs them: config.path
 * routing with params, methods and excluded paths ahead of netlify.toml's redirects; the headers
 * of netlify.toml on pages, not on function responses; the caller's IP from the connection;
 * streamed bodies and client aborts; background functions answered 202 with the body running on;
 * scheduled functions invoked with Netlify's scheduled request; the synchronous time limit; and
 * edits picked up on the next request. Fixtures: tests/fixtures/functions/.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevFunctionsServer } from '../../../dev/functions/server';
import { localNetlify } from '../../../dev/functions/vite-plugin';
import { freePort } from '../../../dev/ports';
import { openGate, recorded } from '../../fixtures/function-records';

const root = path.resolve(import.meta.dirname, '../../..');
const directory = path.join(root, 'tests/fixtures/functions');

let vite: ViteDevServer;
let functions: DevFunctionsServer;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  vite = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    server: { port, strictPort: true, host: '127.0.0.1' },
    plugins: [
      localNetlify({
        directory,
        schedules: false,
        syncTimeoutSeconds: 1,
        onServer: (server) => {
          functions = server;
        },
      }),
    ],
  });
  await vite.listen();
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await functions?.idle();
  await vite?.close();
});

describe('routing', () => {
  it('routes config.path with its params, the IP of the connection and one request id', async () => {
    const response = await fetch(`${base}/api/echo/abc`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ method: 'GET', params: { id: 'abc' }, ip: '127.0.0.1' });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requestIdHeader).toBe(body.requestId);
    expect(response.headers.get('x-nf-request-id')).toBe(body.requestId);
  });

  it('matches a path case-insensitively and with a trailing slash, as Netlify does', async () => {
    const body = await (await fetch(`${base}/API/Echo/abc/`)).json();
    expect(body.method).toBe('GET');
  });

  it('passes the request body through', async () => {
    const body = await (await fetch(`${base}/api/echo`, { method: 'POST', body: 'hello' })).json();
    expect(body).toMatchObject({ method: 'POST', body: 'hello', params: {} });
  });

  it('lets a method outside config.method fall through to the redirects', async () => {
    const response = await fetch(`${base}/api/echo/abc`, { method: 'DELETE' });
    expect(response.headers.get('content-type') ?? '').not.toContain('application/json');
  });

  it('honours excludedPath: the SPA fallback answers there', async () => {
    expect(await (await fetch(`${base}/api/files/a.txt`)).text()).toBe('file /api/files/a.txt');
    const excluded = await fetch(`${base}/api/files/private/a.txt`);
    expect(excluded.headers.get('content-type')).toContain('text/html');
    expect(await excluded.text()).toContain('<div id="root">');
  });

  it("serves pages with netlify.toml's headers, deep links through the SPA fallback, functions without them", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    const deepLink = await fetch(`${base}/marketplace/some-employee`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="root">');

    const api = await fetch(`${base}/api/echo/abc`);
    expect(api.headers.get('content-security-policy')).toBeNull();
    expect(api.headers.get('x-frame-options')).toBeNull();
  });

  it('reaches a function without a path at /.netlify/functions/<name>, and only those', async () => {
    expect((await fetch(`${base}/.netlify/functions/echo`)).status).toBe(404);
    expect((await fetch(`${base}/.netlify/functions/no-such-function`)).status).toBe(404);
  });
});

describe('streaming and limits', () => {
  it('streams the body as the function produces it', async () => {
    // The function sends "first", then waits for this test: the first chunk can only arrive if
    // the server writes it through instead of waiting for the whole body.
    const response = await fetch(`${base}/api/stream?gate=streaming`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first\n');
    openGate('streaming');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toBe('second\n');
  });

  it("aborts the function's request signal when the client goes away", async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/stream`, { signal: controller.signal });
    await response.body!.getReader().read();
    controller.abort();
    await expect.poll(() => recorded().some((entry) => entry.name === 'stream' && entry.aborted)).toBe(true);
  });

  it('cuts a synchronous function off at the time limit', async () => {
    const response = await fetch(`${base}/api/slow`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('slow: Task timed out after 1.00 seconds');
  });
});

describe('background and scheduled functions', () => {
  it('answers a background function 202 at once and runs its body afterwards', async () => {
    // The body cannot finish before this test opens its gate: the 202 must come first.
    const response = await fetch(`${base}/.netlify/functions/work-background?gate=background`, {
      method: 'POST',
      body: 'job-1',
    });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(recorded().find((entry) => entry.body === 'job-1')).toBeUndefined();

    openGate('background');
    await functions.idle();
    expect(
      recorded().filter((entry) => entry.name === 'work-background' && entry.body === 'job-1'),
    ).toHaveLength(1);
  });

  it("invokes a scheduled function with Netlify's scheduled request", async () => {
    const nextRun = new Date('2026-12-04T03:00:00.000Z');
    expect(await functions.runScheduled('nightly', base, nextRun)).toBe(204);
    expect(
      recorded()
        .filter((entry) => entry.name === 'nightly')
        .at(-1),
    ).toEqual({
      name: 'nightly',
      method: 'POST',
      userAgent: 'Netlify Clockwork',
      event: 'schedule',
      body: { next_run: '2026-12-04T03:00:00.000Z' },
    });
  });

  it('schedules every function with config.schedule on its cron, in UTC', async () => {
    await functions.startSchedules(base);
    try {
      const schedules = await functions.schedules();
      expect(schedules.map((entry) => entry.name)).toEqual(['nightly']);
      const next = schedules[0]!.nextRun!;
      expect(next.getUTCHours()).toBe(3);
      expect(next.getUTCMinutes()).toBe(0);
      expect(next.getTime()).toBeGreaterThan(Date.now());
    } finally {
      functions.stop();
    }
  });
});

describe('editing functions', () => {
  const file = path.join(directory, 'hot-reload.mts');
  afterAll(() => rm(file, { force: true }));

  const source = (text: string) =>
    `export default async () => new Response('${text}');\nexport const config = { path: '/api/hot-reload' };\n`;

  // The dev server's file watcher reports an edit asynchronously (a loaded machine: a second or
  // more); from then on the next request gets the new code.
  const seen = { timeout: 15_000 };

  it('routes a new function, serves an edit and drops a deleted one, on the next request', async () => {
    await writeFile(file, source('one'));
    await expect.poll(async () => (await fetch(`${base}/api/hot-reload`)).text(), seen).toBe('one');

    // A file the watcher has only just seen may miss a write made right after it appeared (the
    // watcher arms itself on the new file asynchronously): save again, as an editor would.
    await expect
      .poll(async () => {
        await writeFile(file, source('two'));
        return (await fetch(`${base}/api/hot-reload`)).text();
      }, seen)
      .toBe('two');

    await rm(file);
    await expect
      .poll(async () => (await fetch(`${base}/api/hot-reload`)).headers.get('content-type'), seen)
      .toContain('text/html');
  });
});
