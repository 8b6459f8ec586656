/**
 * PKCE for the email flows, as GoTrue does it (`flow_state`, `addFlowPrefixToToken`): a sign-up,
 * password recovery or magic link requested with a `code_challenge` stores a flow state for the
 * user, and its email token carries the `pkce_` prefix. When that link is opened, /verify uses the
 * token up and redirects with `?code=<auth code>` instead of a session in the fragment; the browser
 * that asked (the only one holding the code verifier) trades the code at
 * `/token?grant_type=pkce`. A link opened on another device therefore signs nobody in there.
 */
import { randomUUID } from 'node:crypto';
import { optionalString, type Body } from './body';
import type { Queryable } from './db';
import { badRequest } from './errors';
import type { AuthMethod } from './sessions';

export const PKCE_PREFIX = 'pkce_';

export interface CodeChallenge {
  challenge: string;
  method: 's256' | 'plain';
}

/** The request's challenge (both fields or neither, like GoTrue's validatePKCEParams). */
export function codeChallengeOf(body: Body): CodeChallenge | null {
  const challenge = optionalString(body, 'code_challenge') ?? '';
  const rawMethod = (optionalString(body, 'code_challenge_method') ?? '').toLowerCase();
  if (challenge === '' && rawMethod === '') return null;
  if (challenge === '' || rawMethod === '') {
    throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  }
  if (rawMethod !== 's256' && rawMethod !== 'plain') {
    throw badRequest('validation_failed', 'Code challenge method must be one of: s256, plain');
  }
  return { challenge, method: rawMethod };
}

/** Records the flow for `userId` (replacing an earlier one of the same kind); answers the token prefix. */
export async function startEmailFlow(
  db: Queryable,
  userId: string,
  method: AuthMethod,
  challenge: CodeChallenge | null,
): Promise<string> {
  if (!challenge) return '';
  await db.query('delete from auth.flow_state where user_id = $1 and authentication_method = $2', [
    userId,
    method,
  ]);
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'email', $6, now(), now())`,
    [randomUUID(), userId, randomUUID(), challenge.method, challenge.challenge, method],
  );
  return PKCE_PREFIX;
}

/** The auth code of the user's pending flow of that kind, issued now (its lifetime starts). */
export async function issueAuthCode(
  db: Queryable,
  userId: string,
  method: AuthMethod,
): Promise<string | null> {
  const { rows } = await db.query<{ auth_code: string }>(
    `update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
      where id = (select id from auth.flow_state where user_id = $1 and authentication_method = $2
                   order by created_at desc limit 1)
      returning auth_code`,
    [userId, method],
  );
  return rows[0]?.auth_code ?? null;
}
