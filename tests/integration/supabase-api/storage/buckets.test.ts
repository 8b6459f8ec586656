import { afterAll, describe, expect, it } from 'vitest';
import {
  PNG_1X1,
  anonClient,
  serviceClient,
  signedUpUser,
  rawRequest,
  superuser,
  uniqueBucket,
  env,
} from './helpers';

const db = superuser();
const service = serviceClient().storage;

afterAll(async () => {
  await db.end();
});

describe('buckets through storage-js (service role)', () => {
  it('creates, reads, lists, updates, empties and deletes a bucket', async () => {
    const id = uniqueBucket('lifecycle');
    const created = await service.createBucket(id, {
      public: true,
      fileSizeLimit: '1MB',
      allowedMimeTypes: ['image/png'],
    });
    expect(created).toEqual({ data: { name: id }, error: null });

    const { data: bucket, error } = await service.getBucket(id);
    expect(error).toBeNull();
    expect(bucket).toMatchObject({
      id,
      name: id,
      public: true,
      type: 'STANDARD',
      file_size_limit: 1_000_000,
      allowed_mime_types: ['image/png'],
    });
    expect(new Date(bucket!.created_at).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const listed = await service.listBuckets({ search: id });
    expect(listed.data?.map((b) => b.id)).toEqual([id]);

    const updated = await service.updateBucket(id, {
      public: false,
      fileSizeLimit: 2048,
      allowedMimeTypes: null as unknown as string[],
    });
    expect(updated).toEqual({ data: { message: 'Successfully updated' }, error: null });
    expect((await service.getBucket(id)).data).toMatchObject({ public: false, file_size_limit: 2048 });

    await service.from(id).upload('a/one.png', PNG_1X1, { contentType: 'image/png' });
    const notEmpty = await service.deleteBucket(id);
    expect(notEmpty.error).toMatchObject({
      status: 400,
      statusCode: '409',
      message: 'The bucket you tried to delete is not empty',
    });

    expect((await service.emptyBucket(id)).data).toEqual({
      message: 'Empty bucket has been queued. Completion may take up to an hour.',
    });
    expect((await service.from(id).list('a')).data).toEqual([]);
    expect((await service.deleteBucket(id)).data).toEqual({ message: 'Successfully deleted' });
    expect((await service.getBucket(id)).error).toMatchObject({
      status: 400,
      statusCode: '404',
      message: 'Bucket not found',
    });
  });

  it('refuses a duplicate bucket with 409 Duplicate', async () => {
    const id = uniqueBucket('dup');
    await service.createBucket(id);
    const again = await rawRequest('POST', '/storage/v1/bucket', {
      headers: { authorization: `Bearer ${env.serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, name: id }),
    });
    expect(again.status).toBe(400);
    expect(again.body.toString()).toBe(
      JSON.stringify({
        statusCode: '409',
        error: 'Duplicate',
        message: 'The resource already exists',
        code: 'BucketAlreadyExists',
      }),
    );
    await service.deleteBucket(id);
  });

  it('refuses invalid names and file size limits', async () => {
    expect((await service.createBucket(' padded ')).error).toMatchObject({
      statusCode: '400',
      message: 'Bucket name invalid',
    });
    const badLimit = await service.createBucket(uniqueBucket('limit'), {
      public: false,
      fileSizeLimit: 'ten megs',
    });
    expect(badLimit.error).toMatchObject({
      statusCode: '400',
      message: 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B',
    });
    const tooBig = await service.createBucket(uniqueBucket('huge'), { public: false, fileSizeLimit: '10GB' });
    expect(tooBig.error).toMatchObject({
      statusCode: '413',
      message: 'The object exceeded the maximum allowed size',
    });
    const badMime = await service.createBucket(uniqueBucket('mime'), {
      public: false,
      allowedMimeTypes: ['not a type'],
    });
    expect(badMime.error).toMatchObject({
      statusCode: '415',
      message: 'mime type not a type is not supported',
    });
  });
});

describe('buckets under RLS (storage.buckets has no policy)', () => {
  it('anon and signed-in users cannot create, see, change or delete buckets', async () => {
    const id = uniqueBucket('guarded');
    await service.createBucket(id, { public: true });
    const { client } = await signedUpUser('bucket-rls');
    for (const storage of [anonClient().storage, client.storage]) {
      expect((await storage.createBucket(uniqueBucket('mine'))).error).toMatchObject({
        status: 400,
        statusCode: '403',
        message: 'new row violates row-level security policy',
      });
      expect((await storage.listBuckets()).data).toEqual([]);
      expect((await storage.getBucket(id)).error).toMatchObject({
        statusCode: '404',
        message: 'Bucket not found',
      });
      expect((await storage.updateBucket(id, { public: false })).error).toMatchObject({ statusCode: '404' });
      expect((await storage.deleteBucket(id)).error).toMatchObject({ statusCode: '404' });
    }
    expect((await service.getBucket(id)).data?.public).toBe(true);
    await service.deleteBucket(id);
  });

  it('without any key or token the bucket routes refuse with AccessDenied', async () => {
    const response = await rawRequest('GET', '/storage/v1/bucket', { headers: { apikey: '' } });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      statusCode: '403',
      error: 'Unauthorized',
      message: 'Invalid Compact JWS',
      code: 'AccessDenied',
    });
  });

  it('a token that fails verification is refused, not treated as anon', async () => {
    const response = await rawRequest('GET', '/storage/v1/bucket', {
      headers: { authorization: 'Bearer not.a.jwt' },
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized', code: 'AccessDenied' });
  });

  it('unknown routes answer 404 with the Storage error shape', async () => {
    const response = await rawRequest('GET', '/storage/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.json()).toEqual({
      statusCode: '404',
      error: 'Not Found',
      message: 'Route GET:/nothing-here not found',
      code: 'InvalidRequest',
    });
  });
});
