/**
 * RLS on storage.objects decides every path: with the owner-folder policies, another user and
 * anon can neither read, list, sign, overwrite, move, copy nor delete a user's files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { TestUser } from '../auth/helpers';
import {
  anonClient,
  dropBucketPolicies,
  ownerFolderBucket,
  serviceClient,
  signedUpUser,
  superuser,
  uniqueBucket,
} from './helpers';

const db = superuser();
const bucket = uniqueBucket('rls');
let alice: TestUser;
let bob: TestUser;
let aliceFile: string;

beforeAll(async () => {
  await ownerFolderBucket(db, bucket);
  [alice, bob] = await Promise.all([signedUpUser('rls-alice'), signedUpUser('rls-bob')]);
  aliceFile = `${alice.session.user.id}/diary.txt`;
  const { error } = await alice.client.storage
    .from(bucket)
    .upload(aliceFile, 'dear diary', { contentType: 'text/plain' });
  if (error) throw error;
});

afterAll(async () => {
  await serviceClient().storage.emptyBucket(bucket);
  await serviceClient().storage.deleteBucket(bucket);
  await dropBucketPolicies(db, bucket);
  await db.end();
});

const objectCount = async () =>
  (await db.query('select count(*)::int as n from storage.objects where bucket_id = $1', [bucket])).rows[0]
    .n as number;

describe.each([
  ['another user', () => bob.client],
  ['anon', () => anonClient()],
] as Array<[string, () => SupabaseClient]>)('%s', (_label, clientOf) => {
  it('cannot download, inspect, list or sign the owner’s file', async () => {
    const storage = clientOf().storage.from(bucket);
    expect((await storage.download(aliceFile)).error).toMatchObject({ statusCode: '404' });
    expect((await storage.info(aliceFile)).error).toMatchObject({
      statusCode: '404',
      message: 'Object not found',
    });
    expect((await storage.list(alice.session.user.id)).data).toEqual([]);
    expect((await storage.createSignedUrl(aliceFile, 60)).error).toMatchObject({ statusCode: '404' });
    const many = await storage.createSignedUrls([aliceFile], 60);
    expect(many.data).toEqual([
      {
        error: 'Either the object does not exist or you do not have access to it',
        path: aliceFile,
        signedURL: null,
        signedUrl: null,
      },
    ]);
  });

  it('cannot write into, overwrite, move, copy or delete the owner’s files', async () => {
    const storage = clientOf().storage.from(bucket);
    const before = await objectCount();
    const rls = { status: 400, statusCode: '403', message: 'new row violates row-level security policy' };
    expect(
      (await storage.upload(`${alice.session.user.id}/planted.txt`, 'x', { contentType: 'text/plain' }))
        .error,
    ).toMatchObject(rls);
    expect(
      (await storage.upload(aliceFile, 'overwritten', { contentType: 'text/plain', upsert: true })).error,
    ).toMatchObject({
      statusCode: '403',
    });
    expect(
      (await storage.update(aliceFile, 'overwritten', { contentType: 'text/plain' })).error,
    ).toMatchObject({ statusCode: '403' });
    expect((await storage.move(aliceFile, `${alice.session.user.id}/moved.txt`)).error).toMatchObject({
      statusCode: '404',
    });
    expect((await storage.copy(aliceFile, `${alice.session.user.id}/copy.txt`)).error).toMatchObject({
      statusCode: '404',
    });
    expect((await storage.remove([aliceFile])).data).toEqual([]);
    const single = await clientOf().storage.from(bucket).remove([aliceFile]);
    expect(single.data).toEqual([]);
    expect(await objectCount()).toBe(before);
    expect(await (await alice.client.storage.from(bucket).download(aliceFile)).data?.text()).toBe(
      'dear diary',
    );
  });
});

describe('the owner', () => {
  it('cannot move or copy a file out of their own folder into someone else’s', async () => {
    const storage = alice.client.storage.from(bucket);
    const rls = { statusCode: '403', message: 'new row violates row-level security policy' };
    expect((await storage.move(aliceFile, `${bob.session.user.id}/gift.txt`)).error).toMatchObject(rls);
    expect((await storage.copy(aliceFile, `${bob.session.user.id}/gift.txt`)).error).toMatchObject(rls);
    expect((await bob.client.storage.from(bucket).list(bob.session.user.id)).data).toEqual([]);
  });

  it('records the uploader as owner and owner_id', async () => {
    const { rows } = await db.query(
      'select owner::text, owner_id from storage.objects where bucket_id = $1 and name = $2',
      [bucket, aliceFile],
    );
    expect(rows[0]).toEqual({ owner: alice.session.user.id, owner_id: alice.session.user.id });
  });

  it('the service role bypasses RLS', async () => {
    const { data } = await serviceClient().storage.from(bucket).download(aliceFile);
    expect(await data?.text()).toBe('dear diary');
  });
});
