/**
 * The `avatars` bucket as the migrations define it, through supabase-js like the SPA: a user's
 * picture is public by URL, only its owner writes it, and only small images are accepted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PNG_1X1, anonClient, serviceClient, signedUpUser, superuser } from '../supabase-api/storage/helpers';

const db = superuser();

afterAll(async () => {
  await db.end();
});

describe('avatars bucket', () => {
  it('is public, images only, at most 2 MiB', async () => {
    const { data } = await serviceClient().storage.getBucket('avatars');
    expect(data).toMatchObject({
      public: true,
      file_size_limit: 2 * 1024 * 1024,
      allowed_mime_types: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    });
  });

  it('the owner uploads and replaces their avatar; anyone can load it by its public URL', async () => {
    const { client, session } = await signedUpUser('avatar-owner');
    const path = `${session.user.id}/avatar`;
    const bucket = client.storage.from('avatars');
    expect((await bucket.upload(path, PNG_1X1, { contentType: 'image/png', upsert: true })).error).toBeNull();
    expect(
      (await bucket.upload(path, PNG_1X1, { contentType: 'image/webp', upsert: true })).error,
    ).toBeNull();
    const { publicUrl } = anonClient().storage.from('avatars').getPublicUrl(path).data;
    const response = await fetch(`${publicUrl}?v=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG_1X1);

    const { error } = await client
      .from('user_profiles')
      .update({ avatar_url: publicUrl })
      .eq('user_id', session.user.id);
    expect(error).toBeNull();
    expect((await bucket.remove([path])).data).toHaveLength(1);
    expect((await fetch(publicUrl)).status).toBe(400);
  });

  it('refuses another user’s folder, anon, SVG and files over 2 MiB', async () => {
    const [alice, bob] = await Promise.all([signedUpUser('avatar-alice'), signedUpUser('avatar-bob')]);
    const alicePath = `${alice.session.user.id}/avatar`;
    await alice.client.storage.from('avatars').upload(alicePath, PNG_1X1, { contentType: 'image/png' });

    const rls = { statusCode: '403', message: 'new row violates row-level security policy' };
    const asBob = bob.client.storage.from('avatars');
    expect(
      (await asBob.upload(alicePath, PNG_1X1, { contentType: 'image/png', upsert: true })).error,
    ).toMatchObject({ statusCode: '403' });
    expect(
      (await asBob.upload(`${alice.session.user.id}/other.png`, PNG_1X1, { contentType: 'image/png' })).error,
    ).toMatchObject(rls);
    expect((await asBob.remove([alicePath])).data).toEqual([]);
    expect(
      (
        await anonClient()
          .storage.from('avatars')
          .upload('anon/avatar', PNG_1X1, { contentType: 'image/png' })
      ).error,
    ).toMatchObject(rls);

    const own = `${bob.session.user.id}/avatar`;
    const svg = await asBob.upload(own, '<svg onload="alert(1)"/>', { contentType: 'image/svg+xml' });
    expect(svg.error).toMatchObject({
      statusCode: '415',
      message: 'mime type image/svg+xml is not supported',
    });
    const big = await asBob.upload(own, Buffer.alloc(2 * 1024 * 1024 + 1), { contentType: 'image/png' });
    expect(big.error).toMatchObject({ statusCode: '413' });

    const { rows } = await db.query(
      `select name from storage.objects where bucket_id = 'avatars' and name like $1`,
      [`${alice.session.user.id}/%`],
    );
    expect(rows.map((row) => row.name)).toEqual([alicePath]);
    const bobFiles = await db.query(
      `select 1 from storage.objects where bucket_id = 'avatars' and name like $1`,
      [`${bob.session.user.id}/%`],
    );
    expect(bobFiles.rows).toHaveLength(0);
  });
});
