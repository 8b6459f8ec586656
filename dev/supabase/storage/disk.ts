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

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createDisk(root: string) {
  const dir = path.resolve(root, 'objects');
  const ready = mkdir(dir, { recursive: true });

  function fileOf(version: string): string {
    if (!VERSION.test(version)) throw ERRORS.internal('corrupt object version');
    return path.join(dir, version);
  }

  return {
    /** Streams a body to a new version, refusing (and removing) it past `maxBytes`. */
    async write(body: Readable | Buffer, maxBytes: number): Promise<StoredFile> {
      await ready;
      const version = randomUUID();
      const file = fileOf(version);
      const hash = createHash('md5');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) {
            done(ERRORS.entityTooLarge());
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      // The request is piped in, not part of the pipeline: refusing an oversized body must not
      // destroy the request (its connection still has to carry the error answer).
      const written = pipeline(meter, createWriteStream(file, { flags: 'wx' }));
      if (Buffer.isBuffer(body)) meter.end(body);
      else {
        body.on('error', (error) => meter.destroy(error));
        body.pipe(meter);
      }
      try {
        await written;
      } catch (error) {
        if (!Buffer.isBuffer(body)) body.unpipe(meter);
        await rm(file, { force: true });
        throw error;
      }
      return { version, size, eTag: `"${hash.digest('hex')}"` };
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
