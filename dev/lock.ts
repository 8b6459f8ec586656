/**
 * One `npm run dev` at a time: a lock file under .local/ naming the running process. A lock whose
 * process is gone is stale and taken over.
 */
import { rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { localLockFile } from './config';

export interface LockInfo {
  pid: number;
  startedAt: string;
  appUrl: string;
  databaseUrl?: string;
}

export class AlreadyRunningError extends Error {
  constructor(readonly holder: LockInfo) {
    super(
      `Another "npm run dev" is already running (pid ${holder.pid}, started ${holder.startedAt}, app at ${holder.appUrl}).\n` +
        'Use that one, or stop it with Ctrl-C in its terminal before starting a new one.',
    );
    this.name = 'AlreadyRunningError';
  }
}

export async function readLock(file = localLockFile): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as LockInfo;
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export async function acquireLock(info: Omit<LockInfo, 'pid' | 'startedAt'>, file = localLockFile) {
  const holder = await readLock(file);
  if (holder && holder.pid !== process.pid) throw new AlreadyRunningError(holder);
  await mkdir(path.dirname(file), { recursive: true });
  const lock: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info };
  await writeFile(file, JSON.stringify(lock, null, 2));
  return {
    update: (extra: Partial<LockInfo>) => writeFile(file, JSON.stringify({ ...lock, ...extra }, null, 2)),
    releaseSync: () => rmSync(file, { force: true }),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
