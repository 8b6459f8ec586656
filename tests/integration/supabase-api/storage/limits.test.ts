/** Size and MIME limits, key validation and path traversal: refused with Storage's errors, nothing stored. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../auth/helpers';
import {
  PNG_1X1,
  dropBucketPolicies,
  ownerFolderBucket,
  rawRequest,
  serviceClient,
  signedUpUser,
  superuser,
  uniqueBucket,
} from './helpers';

const db = superuser();
const bucket = uniqueBucket('limits');
let user: TestUser;
let uid: string;

beforeAll(async () => {
  await ownerFolderBucket(db, bucket, { fileSizeLimit: 1024, allowedMimeTypes: ['image/png', 'text/*'] });
  user = await signedUpUser('limits');
  uid = user.session.user.id;
});

afterAll(async () => {
  await serviceClient().storage.emptyBucket(bucket);
  await serviceClient().storage.deleteBucket(bucket);
  await dropBucketPolicies(db, bucket);
  await db.end();
});

const stored = async () =>
  (await db.query('select name from storage.objects where bucket_id = $1 order by name', [bucket])).rows.map(
    (r) => r.name as string,
  );
const auth = () => ({ authorization: `Bearer ${user.session.access_token}` });

describe('bucket limits', () => {
  it('refuses a file over the bucket’s file_size_limit, binary or multipart', async () => {
    const storage = user.client.storage.from(bucket);
    const big = Buffer.alloc(1025, 'a');
    const tooLarge = {
      status: 400,
      statusCode: '413',
      message: 'The object exceeded the maximum allowed size',
    };
    expect((await storage.upload(`${uid}/big.txt`, big, { contentType: 'text/plain' })).error).toMatchObject(
      tooLarge,
    );
    expect(
      (await storage.upload(`${uid}/big2.txt`, new Blob([big], { type: 'text/plain' }))).error,
    ).toMatchObject(tooLarge);
    expect(
      (await storage.upload(`${uid}/exact.txt`, Buffer.alloc(1024, 'a'), { contentType: 'text/plain' }))
        .error,
    ).toBeNull();
    expect(await stored()).toEqual([`${uid}/exact.txt`]);
  });

  it('refuses a body streamed without Content-Length once it passes the limit', async () => {
    const response = await fetch(`${serviceUrl()}/object/${bucket}/${uid}/streamed.txt`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(512));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
    expect(await stored()).not.toContain(`${uid}/streamed.txt`);
  });

  it('accepts only the allowed MIME types (exact and wildcard)', async () => {
    const storage = user.client.storage.from(bucket);
    expect((await storage.upload(`${uid}/a.png`, PNG_1X1, { contentType: 'image/png' })).error).toBeNull();
    expect((await storage.upload(`${uid}/a.md`, '# hi', { contentType: 'text/markdown' })).error).toBeNull();
    const refused = await storage.upload(`${uid}/a.pdf`, '%PDF', { contentType: 'application/pdf' });
    expect(refused.error).toMatchObject({
      status: 400,
      statusCode: '415',
      message: 'mime type application/pdf is not supported',
    });
    const response = await rawRequest('POST', `/storage/v1/object/${bucket}/${uid}/a.svg`, {
      headers: { ...auth(), 'content-type': 'image/svg+xml' },
      body: '<svg/>',
    });
    expect(response.json()).toEqual({
      statusCode: '415',
      error: 'invalid_mime_type',
      message: 'mime type image/svg+xml is not supported',
      code: 'InvalidMimeType',
    });
    expect(await stored()).not.toContain(`${uid}/a.svg`);
  });
});

describe('keys and path traversal', () => {
  // What reaches Storage's router with the dots intact (plain `..` segments are resolved by the
  // gateway first; see the next test).
  const attempts: Array<[string, string]> = [
    ['encoded slashes around ..', `%UID%%2F..%2F..%2Fsecret.txt`],
    ['encoded dots and slashes', `%UID%/%2e%2e%2f%2e%2e%2fsecret.txt`],
    ['a dot segment behind an encoded slash', `%UID%/.%2Fx.txt`],
    ['an absolute key', `/etc/passwd`],
  ];

  it.each(attempts)('refuses %s as InvalidKey and stores nothing', async (_label, rawKey) => {
    const key = rawKey.replace('%UID%', uid);
    const before = await stored();
    const response = await rawRequest('POST', `/storage/v1/object/${bucket}/${key}`, {
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: 'pwned',
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: '400', code: 'InvalidKey', error: 'InvalidKey' });
    expect(await stored()).toEqual(before);
    const read = await rawRequest('GET', `/storage/v1/object/authenticated/${bucket}/${key}`, {
      headers: auth(),
    });
    expect(read.json()).toMatchObject({ statusCode: '400', code: 'InvalidKey' });
  });

  it('plain ../ segments are resolved by the gateway, so they stay inside the API and under RLS', async () => {
    const before = await stored();
    // Out of the bucket and the API: nothing there.
    const escape = await rawRequest('POST', `/storage/v1/object/${bucket}/${uid}/../../../../etc/passwd`, {
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: 'pwned',
    });
    expect(escape.status).toBe(404);
    // Into another user's folder: the resolved path is checked by RLS like any other.
    const other = await signedUpUser('limits-other');
    const sideways = await rawRequest(
      'POST',
      `/storage/v1/object/${bucket}/${uid}/../${other.session.user.id}/planted.txt`,
      {
        headers: { ...auth(), 'content-type': 'text/plain' },
        body: 'pwned',
      },
    );
    expect(sideways.json()).toEqual({
      statusCode: '403',
      error: 'Unauthorized',
      message: 'new row violates row-level security policy',
      code: 'AccessDenied',
    });
    expect(await stored()).toEqual(before);
  });

  it('refuses keys outside Storage’s character set', async () => {
    const { error } = await user.client.storage
      .from(bucket)
      .upload(`${uid}/naïve<>.txt`, 'x', { contentType: 'text/plain' });
    expect(error).toMatchObject({ statusCode: '400', message: `Invalid key: ${uid}/naïve<>.txt` });
  });

  it('a write refused by RLS leaves no bytes behind (the policy is tested while they stream)', async () => {
    const dir = path.join(process.env.LOCAL_STORAGE_DIR!, 'objects');
    const before = new Set(await readdir(dir));
    const other = await signedUpUser('limits-refused');
    const refused = await user.client.storage
      .from(bucket)
      .upload(`${other.session.user.id}/planted.txt`, 'x'.repeat(1000), { contentType: 'text/plain' });
    expect(refused.error).toMatchObject({ statusCode: '403' });
    const after = (await readdir(dir)).filter((file) => !before.has(file));
    expect(after).toEqual([]);
  });

  it('keeps bytes only as server-named files in the storage directory', async () => {
    const dir = path.join(process.env.LOCAL_STORAGE_DIR!, 'objects');
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^[0-9a-f-]{36}$/);
  });
});

function serviceUrl() {
  return `${process.env.SUPABASE_URL}/storage/v1`;
}
