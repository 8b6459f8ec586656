/**
 * The bytes: one file per stored object version under the storage directory, named by the
 * version's UUID that this server generates — never by the object's name. A client-chosen key
 * therefore never becomes a filesystem path, so no key can reach outside the directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ERRORS } from './errors';

export interface StoredFile {
  version: string;
  size: number;
  /** Quoted MD5 hex, as S3 reports a single-part ETag. */
  eTag: string;
}

export interface PendingWrite {
  /** The stored file once the body ends, within `maxBytes` (lowered now that it is known) or 413. */
  finish(maxBytes: number): Promise<StoredFile>;
  /** Stops reading the body and removes what was written (the request was refused). */
  abort(): Promise<void>;
}

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createDisk(root: string) {
  const dir = path.resolve(root, 'objects');
  const ready = mkdir(dir, { recursive: true });

  function fileOf(version: string): string {
    if (!VERSION.test(version)) throw ERRORS.internal('corrupt object version');
    return path.join(dir, version);
  }

  return {
    /**
     * Starts streaming a body to a new version, refusing (and removing) it past `maxBytes`. The
     * bytes start moving at once; `finish` lowers the bound when it becomes known (the bucket's
     * own limit) and waits for the end, `abort` stops reading and removes what was written.
     */
    start(body: Readable | Buffer, maxBytes: number): PendingWrite {
      const version = randomUUID();
      const file = fileOf(version);
      const hash = createHash('md5');
      let size = 0;
      let max = maxBytes;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > max) {
            done(ERRORS.entityTooLarge());
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      // The request is piped in, not part of the pipeline: refusing an oversized body must not
      // destroy the request (its connection still has to carry the error answer).
      if (Buffer.isBuffer(body)) meter.end(body);
      else {
        body.on('error', (error) => meter.destroy(error));
        body.pipe(meter);
      }
      const done = (async (): Promise<StoredFile> => {
        try {
          await ready;
          await pipeline(meter, createWriteStream(file, { flags: 'wx' }));
        } catch (error) {
          if (!Buffer.isBuffer(body)) body.unpipe(meter);
          await rm(file, { force: true });
          throw error;
        }
        return { version, size, eTag: `"${hash.digest('hex')}"` };
      })();
      return {
        async finish(bytes) {
          max = Math.min(max, bytes);
          if (size > max) meter.destroy(ERRORS.entityTooLarge());
          const stored = await done;
          // The whole body may have arrived before the bound was known.
          if (stored.size > max) {
            await rm(file, { force: true });
            throw ERRORS.entityTooLarge();
          }
          return stored;
        },
        async abort() {
          if (!Buffer.isBuffer(body)) body.unpipe(meter);
          meter.destroy(ERRORS.entityTooLarge());
          await done.then(
            () => rm(file, { force: true }),
            () => {},
          );
        },
      };
    },

    /** Streams a body to a new version, refusing (and removing) it past `maxBytes`. */
    async write(body: Readable | Buffer, maxBytes: number): Promise<StoredFile> {
      return this.start(body, maxBytes).finish(maxBytes);
    },

    async copy(fromVersion: string): Promise<StoredFile> {
      return this.write(createReadStream(fileOf(fromVersion)), Number.POSITIVE_INFINITY);
    },

    async exists(version: string): Promise<boolean> {
      return stat(fileOf(version)).then(
        () => true,
        () => false,
      );
    },

    read(version: string, range?: { start: number; end: number }): Readable {
      return createReadStream(fileOf(version), range);
    },

    async remove(versions: Array<string | null | undefined>): Promise<void> {
      await Promise.all(
        versions
          .filter((v): v is string => !!v && VERSION.test(v))
          .map((v) => rm(fileOf(v), { force: true })),
      );
    },
  };
}

export type Disk = ReturnType<typeof createDisk>;
