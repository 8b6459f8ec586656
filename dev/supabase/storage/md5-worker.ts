/**
 * MD5 ETags computed on a worker thread. Hashing is the one per-byte CPU cost an upload has on top
 * of copying the bytes (≈ 2–5 ms per MB here — as much as the copy itself); on the event loop it
 * delays the upload and every other request. S3, which computes hosted Storage's ETags, does it
 * off the API server too. Node has no asynchronous MD5 (WebCrypto has none), so one long-lived
 * worker per server hashes the chunks it is sent, in order, while the bytes go to disk.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// Plain JavaScript evaluated by the worker: it must not depend on the TypeScript loader.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (message) => {
  if (message.chunk) {
    let hash = hashes.get(message.id);
    if (!hash) hashes.set(message.id, (hash = createHash('md5')));
    hash.update(message.chunk);
  } else if (message.end) {
    const hash = hashes.get(message.id) ?? createHash('md5');
    hashes.delete(message.id);
    parentPort.postMessage({ id: message.id, digest: hash.digest('hex') });
  } else if (message.abort) {
    hashes.delete(message.id);
  }
});
`;

export interface Md5Hasher {
  update(chunk: Buffer): void;
  /** The hex digest of every chunk sent so far. */
  digest(): Promise<string>;
  /** Forgets the hash (a refused or failed upload). */
  abort(): void;
}

export function createMd5Pool() {
  let worker: Worker | undefined;
  const pending = new Map<string, { resolve: (hex: string) => void; reject: (error: Error) => void }>();

  function current(): Worker {
    if (worker) return worker;
    const started = new Worker(WORKER_SOURCE, { eval: true });
    started.unref(); // an idle hasher never keeps the process alive
    started.on('message', (message: { id: string; digest: string }) => {
      pending.get(message.id)?.resolve(message.digest);
      pending.delete(message.id);
    });
    const fail = (error: Error) => {
      if (worker === started) worker = undefined; // the next upload starts a new one
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`md5 worker exited (${code})`)));
    worker = started;
    return started;
  }

  return {
    hasher(): Md5Hasher {
      const id = randomUUID();
      const target = current();
      return {
        update: (chunk) => target.postMessage({ id, chunk }),
        digest: () =>
          new Promise<string>((resolve, reject) => {
            pending.set(id, { resolve, reject });
            target.postMessage({ id, end: true });
          }),
        abort: () => target.postMessage({ id, abort: true }),
      };
    },
    async close(): Promise<void> {
      const running = worker;
      worker = undefined;
      await running?.terminate();
    },
  };
}
