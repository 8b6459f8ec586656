/**
 * A signed-out session stops spending at once (issue 19): the functions that spend credits refuse
 * an access token whose `session_id` no longer names a live session of its user, although the token
 * itself has not expired — before anything is reserved or called.
 */
import { afterAll, expect, it } from 'vitest';
import agentsExecute from '../../../netlify/functions/agents-execute.mjs';
import agentsTeamRun from '../../../netlify/functions/agents-team-run.mjs';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { mintToken, readError } from '../http/helpers';
import {
  available,
  jsonRequest,
  models,
  netlifyContext,
  newCaller,
  standInCalls,
  testDb,
  uniqueTag,
} from './harness';

afterAll(async () => {
  await testDb().end();
});

async function signIn(userId: string, notAfter: Date | null = null): Promise<string> {
  const sessionId = crypto.randomUUID();
  await testDb().query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, not_after) values ($1, $2, now(), now(), 'aal1', $3)`,
    [sessionId, userId, notAfter],
  );
  return sessionId;
}

/** The caller's requests counted by the Postgres limiter. */
const countedRequests = async (userId: string) => {
  const { rows } = await testDb().query<{ hits: string | null }>(
    'select sum(hits) as hits from public.rate_limit_buckets where key like $1',
    [`%${userId}%`],
  );
  return Number(rows[0]?.hits ?? 0);
};

const proxy = (token: string, tag: string) =>
  llmProxy(
    jsonRequest(
      '/api/llm/openai',
      { model: models.openai, messages: [{ role: 'user', content: tag }], max_tokens: 64 },
      { token },
    ),
    netlifyContext({ params: { provider: 'openai' } }),
  );

it('answers while the session lives and refuses its token once it is signed out', async () => {
  const caller = await newCaller();
  const sessionId = await signIn(caller.id);
  const token = await mintToken({ sub: caller.id, session_id: sessionId });
  expect((await proxy(token, uniqueTag())).status).toBe(200);

  // Sign-out deletes the session (as GoTrue does); the token has most of its hour left.
  await testDb().query('delete from auth.sessions where id = $1', [sessionId]);
  const before = await available(caller.id);
  const countedBefore = await countedRequests(caller.id);
  const tag = uniqueTag();
  const refused = await proxy(token, tag);
  expect(refused.status).toBe(401);
  expect((await readError(refused)).message).toBe('Your session has ended. Sign in again to continue.');
  expect(await available(caller.id)).toBe(before);
  // Refused before the rate limit, as by the auth stage: the request is not counted.
  expect(await countedRequests(caller.id)).toBe(countedBefore);
  expect(await standInCalls(tag)).toBe(0);

  for (const [fn, path, body] of [
    [agentsExecute, '/api/agents/execute', { employee_id: crypto.randomUUID(), message: 'hi' }],
    [agentsTeamRun, '/api/agents/team-run', { task: 'x', employee_ids: [crypto.randomUUID()] }],
  ] as const) {
    const response = await fn(jsonRequest(path, body, { token }), netlifyContext());
    expect(response.status).toBe(401);
  }
});

it('refuses a session past its not_after, another user’s session, and a malformed session id', async () => {
  const caller = await newCaller();
  const other = await newCaller();
  const expired = await signIn(caller.id, new Date(Date.now() - 1_000));
  const othersSession = await signIn(other.id);
  for (const sessionId of [expired, othersSession, 'not-a-uuid', 42]) {
    const token = await mintToken({ sub: caller.id, session_id: sessionId });
    expect((await proxy(token, uniqueTag())).status).toBe(401);
  }
});
