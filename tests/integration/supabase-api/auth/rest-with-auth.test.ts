/**
 * The two halves of the local API together, as the SPA uses them: a session from /auth/v1 is the
 * identity /rest/v1 runs the query as, and the app's sign-up trigger has created the user's rows.
 */
import { describe, expect, it } from 'vitest';
import { anonClient, signedUpUser } from './helpers';

describe('Auth sessions on the REST API', () => {
  it('sees the profile the sign-up trigger created, and only that one', async () => {
    const { client, session } = await signedUpUser('rest-profile', { full_name: 'Mary Jackson' });
    const profiles = await client.from('user_profiles').select('user_id, display_name');
    expect(profiles.error).toBeNull();
    expect(profiles.data).toEqual([{ user_id: session.user.id, display_name: 'Mary Jackson' }]);
  });

  it('runs as anon again once the client has signed out', async () => {
    const { client } = await signedUpUser('rest-signed-out');
    await client.auth.signOut();
    const afterSignOut = await client.from('user_profiles').select('user_id');
    const anonymous = await anonClient().from('user_profiles').select('user_id');
    // user_profiles is not granted to anon at all: the same refusal in both cases.
    expect(afterSignOut.error?.code).toBe('42501');
    expect(anonymous.error?.code).toBe('42501');
  });
});
