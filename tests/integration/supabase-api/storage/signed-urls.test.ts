import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt } from 'jose';
import type { TestUser } from '../auth/helpers';
import {
  anonClient,
  dropBucketPolicies,
  env,
  ownerFolderBucket,
  rawRequest,
  serviceClient,
  signedUpUser,
  storageUrl,
  superuser,
  uniqueBucket,
} from './helpers';

const db = superuser();
const bucket = uniqueBucket('signed');
let user: TestUser;
let path: string;

beforeAll(async () => {
  await ownerFolderBucket(db, bucket);
  user = await signedUpUser('signed');
  path = `${user.session.user.id}/report.pdf`;
  await user.client.storage
    .from(bucket)
    .upload(path, Buffer.from('%PDF-1.4 fake'), { contentType: 'application/pdf' });
});

afterAll(async () => {
  await serviceClient().storage.emptyBucket(bucket);
  await serviceClient().storage.deleteBucket(bucket);
  await dropBucketPolicies(db, bucket);
  await db.end();
});

const sign = (claims: Record<string, unknown>, exp: number, secret = env.jwtSecret) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

describe('signed download URLs', () => {
  it('a signed URL works without any key for its lifetime, and can force a download', async () => {
    const { data, error } = await user.client.storage
      .from(bucket)
      .createSignedUrl(path, 60, { download: 'Q3 report.pdf' });
    expect(error).toBeNull();
    expect(data?.signedUrl).toMatch(new RegExp(`^${storageUrl}/object/sign/${bucket}/${path}\\?token=`));
    const token = new URL(data!.signedUrl).searchParams.get('token')!;
    expect(decodeJwt(token)).toMatchObject({
      url: `${bucket}/${path}`,
      scope: 'download',
      exp: expect.any(Number),
      iat: expect.any(Number),
    });

    const response = await fetch(data!.signedUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''Q3%20report.pdf");
    expect(await response.text()).toBe('%PDF-1.4 fake');
  });

  it('signs several paths at once', async () => {
    const { data } = await user.client.storage
      .from(bucket)
      .createSignedUrls([path, `${user.session.user.id}/missing.pdf`], 60);
    expect(data?.[0]).toMatchObject({
      error: null,
      path,
      signedUrl: expect.stringContaining('/object/sign/'),
    });
    expect(data?.[1]).toMatchObject({
      error: 'Either the object does not exist or you do not have access to it',
      signedUrl: null,
    });
    expect((await fetch(data![0]!.signedUrl!)).status).toBe(200);
  });

  it('an expired token is refused', async () => {
    const token = await sign(
      { url: `${bucket}/${path}`, scope: 'download' },
      Math.floor(Date.now() / 1000) - 10,
    );
    const response = await rawRequest('GET', `/storage/v1/object/sign/${bucket}/${path}?token=${token}`);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({
      statusCode: '400',
      error: 'InvalidJWT',
      message: '"exp" claim timestamp check failed',
      code: 'InvalidJWT',
    });
  });

  it('a tampered token, a token for another path, or another secret is refused', async () => {
    const { data } = await user.client.storage.from(bucket).createSignedUrl(path, 60);
    const token = new URL(data!.signedUrl).searchParams.get('token')!;
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(token), url: `${bucket}/someone-else/secret.pdf` }),
    ).toString('base64url');
    const tampered = await rawRequest(
      'GET',
      `/storage/v1/object/sign/${bucket}/someone-else/secret.pdf?token=${header}.${forged}.${signature}`,
    );
    expect(tampered.json()).toEqual({
      statusCode: '400',
      error: 'InvalidJWT',
      message: 'signature verification failed',
      code: 'InvalidJWT',
    });

    const reused = await rawRequest(
      'GET',
      `/storage/v1/object/sign/${bucket}/${user.session.user.id}/other.pdf?token=${token}`,
    );
    expect(reused.json()).toEqual({
      statusCode: '400',
      error: 'InvalidSignature',
      message: 'Invalid signature',
      code: 'InvalidSignature',
    });

    const otherSecret = await sign(
      { url: `${bucket}/${path}`, scope: 'download' },
      Math.floor(Date.now() / 1000) + 60,
      'x'.repeat(40),
    );
    expect(
      (await rawRequest('GET', `/storage/v1/object/sign/${bucket}/${path}?token=${otherSecret}`)).json(),
    ).toMatchObject({
      code: 'InvalidJWT',
    });
    // A user's access token is not a download token (no url claim).
    expect(
      (
        await rawRequest(
          'GET',
          `/storage/v1/object/sign/${bucket}/${path}?token=${user.session.access_token}`,
        )
      ).json(),
    ).toMatchObject({
      statusCode: '400',
    });
  });
});

describe('signed upload URLs', () => {
  it('lets the holder upload once to the signed path, as the user who asked', async () => {
    const target = `${user.session.user.id}/via-signed.txt`;
    const { data, error } = await user.client.storage.from(bucket).createSignedUploadUrl(target);
    expect(error).toBeNull();
    expect(data).toMatchObject({
      path: target,
      token: expect.any(String),
      signedUrl: expect.stringContaining('/object/upload/sign/'),
    });
    // Anyone holding the token — here a keyless anon client — can use it.
    const upload = await anonClient()
      .storage.from(bucket)
      .uploadToSignedUrl(target, data!.token, 'signed upload', { contentType: 'text/plain' });
    expect(upload).toEqual({ data: { path: target, fullPath: `${bucket}/${target}` }, error: null });
    expect(await (await user.client.storage.from(bucket).download(target)).data?.text()).toBe(
      'signed upload',
    );
    const { rows } = await db.query(
      'select owner_id from storage.objects where bucket_id = $1 and name = $2',
      [bucket, target],
    );
    expect(rows[0].owner_id).toBe(user.session.user.id);
    // Without upsert, the same token cannot overwrite.
    const again = await anonClient()
      .storage.from(bucket)
      .uploadToSignedUrl(target, data!.token, 'again', { contentType: 'text/plain' });
    expect(again.error).toMatchObject({ statusCode: '409' });
  });

  it('is only issued where the caller may write, and a download token cannot upload', async () => {
    const other = await signedUpUser('signed-other');
    const refused = await other.client.storage
      .from(bucket)
      .createSignedUploadUrl(`${user.session.user.id}/planted.txt`);
    expect(refused.error).toMatchObject({
      statusCode: '403',
      message: 'new row violates row-level security policy',
    });

    const { data } = await user.client.storage.from(bucket).createSignedUrl(path, 60);
    const downloadToken = new URL(data!.signedUrl).searchParams.get('token')!;
    const misuse = await rawRequest(
      'PUT',
      `/storage/v1/object/upload/sign/${bucket}/${path}?token=${downloadToken}`,
      {
        headers: { 'content-type': 'text/plain', 'x-upsert': 'true' },
        body: 'overwrite',
      },
    );
    expect(misuse.json()).toEqual({
      statusCode: '400',
      error: 'InvalidSignature',
      message: 'Token is not scoped for upload',
      code: 'InvalidSignature',
    });
  });
});
