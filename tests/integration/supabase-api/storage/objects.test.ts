import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PNG_1X1,
  anonClient,
  dropBucketPolicies,
  ownerFolderBucket,
  rawRequest,
  serviceClient,
  signedUpUser,
  storageUrl,
  superuser,
  uniqueBucket,
} from './helpers';
import type { TestUser } from '../auth/helpers';

const db = superuser();
const privateBucket = uniqueBucket('objects-private');
const publicBucket = uniqueBucket('objects-public');
let user: TestUser;
let uid: string;

beforeAll(async () => {
  await ownerFolderBucket(db, privateBucket);
  await ownerFolderBucket(db, publicBucket, { public: true });
  user = await signedUpUser('objects');
  uid = user.session.user.id;
});

afterAll(async () => {
  const service = serviceClient().storage;
  for (const bucket of [privateBucket, publicBucket]) {
    await service.emptyBucket(bucket);
    await service.deleteBucket(bucket);
    await dropBucketPolicies(db, bucket);
  }
  await db.end();
});

const bearer = () => ({ authorization: `Bearer ${user.session.access_token}` });

describe('upload and download', () => {
  it('uploads a Blob (multipart) and a Buffer (binary body) and reads both back byte for byte', async () => {
    const storage = user.client.storage.from(privateBucket);
    const blob = await storage.upload(
      `${uid}/notes/hello.txt`,
      new Blob(['hello storage'], { type: 'text/plain' }),
    );
    expect(blob.error).toBeNull();
    expect(blob.data).toEqual({
      path: `${uid}/notes/hello.txt`,
      id: expect.any(String),
      fullPath: `${privateBucket}/${uid}/notes/hello.txt`,
    });

    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const binary = await storage.upload(`${uid}/raw.bin`, bytes, { contentType: 'application/octet-stream' });
    expect(binary.error).toBeNull();

    const downloaded = await storage.download(`${uid}/notes/hello.txt`);
    expect(await downloaded.data?.text()).toBe('hello storage');
    expect(downloaded.data?.type).toBe('text/plain');
    expect(Buffer.from(await (await storage.download(`${uid}/raw.bin`)).data!.arrayBuffer())).toEqual(bytes);
  });

  it('refuses an upload to an existing key unless x-upsert, and update replaces the bytes', async () => {
    const storage = user.client.storage.from(privateBucket);
    const path = `${uid}/replace.txt`;
    await storage.upload(path, 'first', { contentType: 'text/plain' });
    const again = await storage.upload(path, 'second', { contentType: 'text/plain' });
    expect(again.error).toMatchObject({
      status: 400,
      statusCode: '409',
      message: 'The resource already exists',
    });
    expect(await (await storage.download(path)).data?.text()).toBe('first');

    expect(
      (await storage.upload(path, 'second', { contentType: 'text/plain', upsert: true })).error,
    ).toBeNull();
    expect(await (await storage.download(path)).data?.text()).toBe('second');
    expect((await storage.update(path, 'third', { contentType: 'text/plain' })).error).toBeNull();
    expect(await (await storage.download(path)).data?.text()).toBe('third');
  });

  it('serves with the stored Content-Type and Cache-Control, nosniff, ETag, and Content-Disposition on ?download', async () => {
    const storage = user.client.storage.from(privateBucket);
    await storage.upload(`${uid}/page.html`, '<script>alert(1)</script>', {
      contentType: 'text/html',
      cacheControl: '60',
    });
    const response = await fetch(
      `${storageUrl}/object/authenticated/${privateBucket}/${uid}/page.html?download=report%20final.html`,
      {
        headers: bearer(),
      },
    );
    expect(response.status).toBe(200);
    // Storage never serves a bucket's HTML as HTML.
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('max-age=60');
    // The ETag is the bytes' MD5, as S3 reports a single-part object's.
    const md5 = createHash('md5').update('<script>alert(1)</script>').digest('hex');
    expect(response.headers.get('etag')).toBe(`"${md5}"`);
    expect(response.headers.get('content-disposition')).toBe(
      "attachment; filename=report%20final.html; filename*=UTF-8''report%20final.html",
    );
    const notModified = await fetch(`${storageUrl}/object/authenticated/${privateBucket}/${uid}/page.html`, {
      headers: { ...bearer(), 'if-none-match': response.headers.get('etag')! },
    });
    expect(notModified.status).toBe(304);
  });

  it('gives a multi-chunk upload the MD5 of all its bytes, in order', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const path = `${uid}/big.bin`;
    expect((await user.client.storage.from(privateBucket).upload(path, bytes)).error).toBeNull();
    const response = await fetch(`${storageUrl}/object/authenticated/${privateBucket}/${path}`, {
      method: 'HEAD',
      headers: bearer(),
    });
    expect(response.headers.get('etag')).toBe(`"${createHash('md5').update(bytes).digest('hex')}"`);
  });

  it('answers a byte range with 206', async () => {
    await user.client.storage
      .from(privateBucket)
      .upload(`${uid}/range.txt`, '0123456789', { contentType: 'text/plain' });
    const response = await fetch(`${storageUrl}/object/authenticated/${privateBucket}/${uid}/range.txt`, {
      headers: { ...bearer(), range: 'bytes=2-5' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await response.text()).toBe('2345');
  });

  it('a public bucket serves by public URL to anyone, without a key; a private one does not', async () => {
    const path = `${uid}/avatar.png`;
    await user.client.storage.from(publicBucket).upload(path, PNG_1X1, { contentType: 'image/png' });
    const { publicUrl } = anonClient().storage.from(publicBucket).getPublicUrl(path).data;
    const response = await fetch(publicUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG_1X1);

    await user.client.storage
      .from(privateBucket)
      .upload(`${uid}/secret.txt`, 'secret', { contentType: 'text/plain' });
    const privateUrl = anonClient().storage.from(privateBucket).getPublicUrl(`${uid}/secret.txt`)
      .data.publicUrl;
    const refused = await fetch(privateUrl);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      statusCode: '404',
      error: 'Bucket not found',
      message: 'Bucket not found',
      code: 'NoSuchBucket',
    });
    // The non-prefixed route without any key: a private bucket is invisible; with the anon key,
    // RLS hides the object.
    const bare = await rawRequest('GET', `/storage/v1/object/${privateBucket}/${uid}/secret.txt`, {
      headers: { apikey: '' },
    });
    expect(bare.json()).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
    const asAnon = await rawRequest('GET', `/storage/v1/object/${privateBucket}/${uid}/secret.txt`);
    expect(asAnon.json()).toEqual({
      statusCode: '404',
      error: 'not_found',
      message: 'Object not found',
      code: 'NoSuchKey',
    });
  });

  it('HEAD answers the headers without the body; public info needs no key', async () => {
    const path = `${uid}/head.png`;
    await user.client.storage.from(publicBucket).upload(path, PNG_1X1, { contentType: 'image/png' });
    const head = await rawRequest('HEAD', `/storage/v1/object/public/${publicBucket}/${path}`, {
      headers: { apikey: '' },
    });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('image/png');
    expect(head.headers['content-length']).toBe(String(PNG_1X1.length));
    expect(head.body.length).toBe(0);
    const headAuth = await rawRequest('HEAD', `/storage/v1/object/authenticated/${publicBucket}/${path}`, {
      headers: bearer(),
    });
    expect(headAuth.status).toBe(200);
    const info = await rawRequest('GET', `/storage/v1/object/info/public/${publicBucket}/${path}`, {
      headers: { apikey: '' },
    });
    expect(info.json()).toMatchObject({
      name: path,
      bucket_id: publicBucket,
      size: PNG_1X1.length,
      content_type: 'image/png',
    });
  });

  it('reports a missing object as NoSuchKey, and exists() reads it', async () => {
    const storage = user.client.storage.from(privateBucket);
    const missing = await storage.download(`${uid}/nope.txt`);
    expect(missing.error).toMatchObject({ status: 400, statusCode: '404' });
    expect((await storage.exists(`${uid}/nope.txt`)).data).toBe(false);
    await storage.upload(`${uid}/yes.txt`, 'y', { contentType: 'text/plain' });
    expect((await storage.exists(`${uid}/yes.txt`)).data).toBe(true);
  });
});

describe('info, list, move, copy, remove', () => {
  it('info returns the object metadata, camel-cased by storage-js', async () => {
    const storage = user.client.storage.from(privateBucket);
    await storage.upload(`${uid}/info.json`, '{"a":1}', {
      contentType: 'application/json',
      metadata: { source: 'test' },
    });
    const { data, error } = await storage.info(`${uid}/info.json`);
    expect(error).toBeNull();
    expect(data).toMatchObject({
      name: `${uid}/info.json`,
      bucketId: privateBucket,
      size: 7,
      contentType: 'application/json',
      cacheControl: 'max-age=3600',
      metadata: { source: 'test' },
      etag: expect.stringMatching(/^"/),
    });
  });

  it('lists one level with folders, prefix, limit, offset, sort and search', async () => {
    const storage = user.client.storage.from(privateBucket);
    const base = `${uid}/list`;
    for (const name of ['b.txt', 'a.txt', 'c.md', 'sub/inner.txt']) {
      await storage.upload(`${base}/${name}`, name, { contentType: 'text/plain' });
    }
    const all = await storage.list(base);
    expect(all.error).toBeNull();
    expect(all.data?.map((entry) => entry.name)).toEqual(['a.txt', 'b.txt', 'c.md', 'sub']);
    expect(all.data?.find((entry) => entry.name === 'sub')).toMatchObject({ id: null, metadata: null });
    expect(all.data?.find((entry) => entry.name === 'a.txt')?.metadata).toMatchObject({
      size: 5,
      mimetype: 'text/plain',
    });

    expect((await storage.list(base, { limit: 2, offset: 1 })).data?.map((e) => e.name)).toEqual([
      'b.txt',
      'c.md',
    ]);
    expect(
      (await storage.list(base, { sortBy: { column: 'name', order: 'desc' } })).data?.map((e) => e.name),
    ).toEqual(['sub', 'c.md', 'b.txt', 'a.txt']);
    expect((await storage.list(base, { search: 'c' })).data?.map((e) => e.name)).toEqual(['c.md']);
    expect((await storage.list(`${base}/sub`)).data?.map((e) => e.name)).toEqual(['inner.txt']);
  });

  it('moves and copies within the caller’s folder, and removes several at once', async () => {
    const storage = user.client.storage.from(privateBucket);
    await storage.upload(`${uid}/mv/from.txt`, 'moving', { contentType: 'text/plain' });
    expect((await storage.move(`${uid}/mv/from.txt`, `${uid}/mv/to.txt`)).data).toMatchObject({
      message: 'Successfully moved',
    });
    expect((await storage.download(`${uid}/mv/from.txt`)).error).not.toBeNull();
    expect(await (await storage.download(`${uid}/mv/to.txt`)).data?.text()).toBe('moving');

    expect((await storage.copy(`${uid}/mv/to.txt`, `${uid}/mv/copy.txt`)).data).toEqual({
      path: `${privateBucket}/${uid}/mv/copy.txt`,
    });
    expect(await (await storage.download(`${uid}/mv/copy.txt`)).data?.text()).toBe('moving');

    const removed = await storage.remove([`${uid}/mv/to.txt`, `${uid}/mv/copy.txt`, `${uid}/mv/never.txt`]);
    expect(removed.error).toBeNull();
    expect(removed.data?.map((object) => object.name).sort()).toEqual([
      `${uid}/mv/copy.txt`,
      `${uid}/mv/to.txt`,
    ]);
    expect((await storage.list(`${uid}/mv`)).data).toEqual([]);
  });

  it('removing an object deletes its bytes; a direct SQL delete is refused as on hosted Supabase', async () => {
    const storage = user.client.storage.from(privateBucket);
    await storage.upload(`${uid}/gone.txt`, 'gone', { contentType: 'text/plain' });
    await expect(
      db.query(`delete from storage.objects where bucket_id = $1`, [privateBucket]),
    ).rejects.toThrow(/Direct deletion from storage tables is not allowed/);
    expect((await storage.remove([`${uid}/gone.txt`])).data).toHaveLength(1);
    const { rows } = await db.query('select 1 from storage.objects where bucket_id = $1 and name = $2', [
      privateBucket,
      `${uid}/gone.txt`,
    ]);
    expect(rows).toHaveLength(0);
  });
});
