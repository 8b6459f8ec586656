import { afterAll, describe, expect, it } from 'vitest';
import { anonClient, claimsOf, signedUpUser, superuser } from './helpers';

const db = superuser();
afterAll(() => db.end());

/** Moves a token's revocation into the past, beyond the 10 s reuse interval, instead of sleeping. */
async function ageToken(token: string, seconds = 11) {
  await db.query(
    `update auth.refresh_tokens set updated_at = updated_at - make_interval(secs => $2) where token = $1`,
    [token, seconds],
  );
}

describe('refresh-token grant', () => {
  it('rotates the refresh token within the same session', async () => {
    const { client, session } = await signedUpUser('rotate');
    const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error).toBeNull();
    const next = data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(claimsOf(next.access_token).session_id).toBe(claimsOf(session.access_token).session_id);
    // The original sign-in method stays in `amr` across refreshes.
    expect(claimsOf(next.access_token).amr).toEqual(claimsOf(session.access_token).amr);

    const { rows } = await db.query(
      'select token, revoked, parent from auth.refresh_tokens where session_id = $1 order by id',
      [claimsOf(session.access_token).session_id],
    );
    expect(rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: next.refresh_token, revoked: false, parent: session.refresh_token },
    ]);
  });

  it('hands back the current child when the parent is presented again (lost response)', async () => {
    const { session } = await signedUpUser('lost-response');
    const first = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    const again = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(again.error).toBeNull();
    expect(again.data.session?.refresh_token).toBe(first.data.session?.refresh_token);
  });

  it('serialises concurrent refreshes of one token', async () => {
    const { session } = await signedUpUser('concurrent');
    const results = await Promise.all(
      [1, 2, 3].map(() => anonClient().auth.refreshSession({ refresh_token: session.refresh_token })),
    );
    for (const { error } of results) expect(error).toBeNull();
    const tokens = new Set(results.map(({ data }) => data.session?.refresh_token));
    expect(tokens.size).toBe(1);
  });

  it('revokes the whole family when a used token comes back after the reuse interval', async () => {
    const { session } = await signedUpUser('reuse');
    const sessionId = claimsOf(session.access_token).session_id;
    const second = (await anonClient().auth.refreshSession({ refresh_token: session.refresh_token })).data
      .session!;
    const third = (await anonClient().auth.refreshSession({ refresh_token: second.refresh_token })).data
      .session!;
    await ageToken(session.refresh_token);

    const reused = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reused.data.session).toBeNull();
    expect(reused.error).toMatchObject({
      status: 400,
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    });
    const { rows } = await db.query(
      'select count(*)::int as active from auth.refresh_tokens where session_id = $1 and not revoked',
      [sessionId],
    );
    expect(rows[0].active).toBe(0);

    // The newest token of the family is dead too once its own grace period is over.
    await ageToken(third.refresh_token);
    const { error } = await anonClient().auth.refreshSession({ refresh_token: third.refresh_token });
    expect(error?.code).toBe('refresh_token_already_used');
  });

  it('allows a revoked token again within the reuse interval', async () => {
    const { session } = await signedUpUser('grace');
    const second = (await anonClient().auth.refreshSession({ refresh_token: session.refresh_token })).data
      .session!;
    await anonClient().auth.refreshSession({ refresh_token: second.refresh_token });
    const { data, error } = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error).toBeNull();
    expect(data.session?.refresh_token).toMatch(/^[A-Za-z0-9]{12}$/);
  });

  it('refuses unknown tokens and tokens of ended sessions', async () => {
    const unknown = await anonClient().auth.refreshSession({ refresh_token: 'AAAAAAAAAAAA' });
    expect(unknown.error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });

    const { client, session } = await signedUpUser('ended');
    await client.auth.signOut();
    const { error } = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error?.code).toBe('refresh_token_not_found');
  });
});
