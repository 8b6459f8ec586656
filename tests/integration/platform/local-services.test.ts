import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, AlreadyRunningError, readLock } from '../../../dev/lock';
import { assertPortFree, freePort } from '../../../dev/ports';

describe('port checks', () => {
  const server = net.createServer();
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names the busy port and the variable that moves it', async () => {
    await expect(assertPortFree(port, 'LOCAL_DB_PORT', 'PostgreSQL')).rejects.toThrow(
      `Port ${port} (PostgreSQL) is already in use. Stop whatever is using it, or choose another port with LOCAL_DB_PORT=<port>.`,
    );
  });

  it('accepts a free port', async () => {
    await expect(assertPortFree(await freePort(), 'LOCAL_APP_PORT', 'app')).resolves.toBeUndefined();
  });
});

describe('single dev instance lock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lock-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first process is alive, saying where it runs', async () => {
    const file = path.join(dir, 'alive.lock');
    const { writeFile } = await import('node:fs/promises');
    // The parent of this test process is alive and is not us: it stands for another `npm run dev`.
    await writeFile(
      file,
      JSON.stringify({
        pid: process.ppid,
        startedAt: '2026-01-01T00:00:00Z',
        appUrl: 'http://localhost:5173',
      }),
    );
    const error = await acquireLock({ appUrl: 'http://localhost:5174' }, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlreadyRunningError);
    expect((error as Error).message).toContain(
      `Another "npm run dev" is already running (pid ${process.ppid}`,
    );
    expect((error as Error).message).toContain('http://localhost:5173');
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const file = path.join(dir, 'stale.lock');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      file,
      JSON.stringify({ pid: 2 ** 22 + 7, startedAt: '2026-01-01T00:00:00Z', appUrl: 'x' }),
    );
    const lock = await acquireLock({ appUrl: 'http://localhost:5173' }, file);
    expect((await readLock(file))?.pid).toBe(process.pid);
    lock.releaseSync();
    expect(await readLock(file)).toBeUndefined();
  });
});
