/**
 * A model call never outlives its function unpaid (issue 19, ADR 0060). The platform kills a
 * synchronous function at its limit; before, the call then settled nothing and the sweeper
 * released its hold, so a free account could have the provider work for nothing, forever.
 *
 * - Every call ends by its deadline (the request's start + the limit − a margin) and is settled:
 *   JSON and streams, charged for what the provider did, the message saying how much.
 * - A function killed mid-call (SIGKILL of the process serving it) leaves a hold the sweeper
 *   charges in full when it expires, marked estimated; holds of calls that never started, and the
 *   run engine's, are still released.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../dev/config';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import sweep from '../../../netlify/functions/sweep-reservations.mjs';
import { resetEnvForTests } from '../../../netlify/lib/env';
import { readError } from '../http/helpers';
import {
  available,
  eventually,
  jsonRequest,
  models,
  netlifyContext,
  newCaller,
  readEvents,
  standInCalls,
  testDb,
  uniqueTag,
  usageRows,
  type Caller,
} from './harness';

afterAll(async () => {
  await testDb().end();
});

const model = models.openai;
const call = (caller: Caller, body: unknown) =>
  llmProxy(
    jsonRequest('/api/llm/openai', body, { token: caller.token }),
    netlifyContext({ params: { provider: 'openai' } }),
  );

async function reservationOf(userId: string) {
  const { rows } = await testDb().query<{
    request_id: string;
    amount: string;
    status: string;
    charged: string | null;
  }>(
    `select request_id, amount, status, (coalesce(charged_allowance, 0) + coalesce(charged_purchased, 0))::text as charged
     from public.credit_reservations where user_id = $1 order by created_at`,
    [userId],
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount), charged: Number(r.charged) }));
}

describe('the call deadline', () => {
  // A 5 s platform limit: calls are cut 2 s after the request started (3 s kept to settle).
  beforeEach(() => {
    process.env.FUNCTION_TIMEOUT_SECONDS = '5';
    resetEnvForTests();
  });
  afterEach(() => {
    delete process.env.FUNCTION_TIMEOUT_SECONDS;
    resetEnvForTests();
  });

  it('cuts a JSON call that would outlive the function, charges its whole hold and says so', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const started = Date.now();
    const response = await call(caller, {
      model,
      messages: [{ role: 'user', content: `[[llm:latency=20000]] ${uniqueTag()}` }],
      max_tokens: 512,
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_500);
    expect(response.status).toBe(502);
    const error = await readError(response);
    const [hold] = await reservationOf(caller.id);
    expect(hold).toMatchObject({ status: 'settled' });
    expect(hold?.charged).toBe(hold?.amount);
    expect(error.code).toBe('UPSTREAM_FAILED');
    expect(error.message).toContain(`${hold?.amount.toLocaleString('en-US')} credits were charged`);
    expect(await usageRows(caller.id)).toEqual([
      expect.objectContaining({ status: 'error', estimated: true, credits_charged: hold?.amount }),
    ]);
    expect(await available(caller.id)).toBe(before - (hold?.amount ?? 0));
  });

  it('ends a stream at the deadline and bills what it streamed, stating the charge', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const started = Date.now();
    const response = await call(caller, {
      model,
      messages: [{ role: 'user', content: `[[llm:tokens=4000]] [[llm:rate=100]] ${uniqueTag()}` }],
      max_tokens: 4096,
      stream: true,
    });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(events.filter((e) => e.event === 'delta').length).toBeGreaterThan(50);
    const [row] = await usageRows(caller.id);
    expect(row).toMatchObject({ status: 'error', estimated: true });
    expect(row?.credits_charged).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      data: {
        error: {
          code: 'UPSTREAM_FAILED',
          message: expect.stringContaining(
            `${row?.credits_charged.toLocaleString('en-US')} credits were charged`,
          ) as string,
        },
      },
    });
    expect(await available(caller.id)).toBe(before - (row?.credits_charged ?? 0));
    expect((await reservationOf(caller.id))[0]?.status).toBe('settled');
  });
});

it('says what a stream cut by the provider was charged (not "Nothing was charged")', async () => {
  const caller = await newCaller();
  const response = await call(caller, {
    model,
    messages: [{ role: 'user', content: `cut [[llm:cut=4]] ${uniqueTag()}` }],
    max_tokens: 256,
    stream: true,
  });
  const events = await readEvents(response);
  const [row] = await usageRows(caller.id);
  expect(row?.credits_charged).toBeGreaterThan(0);
  const last = events.at(-1) as { event: string; data: { error: { message: string } } };
  expect(last.event).toBe('error');
  expect(last.data.error.message).not.toContain('Nothing was charged');
  expect(last.data.error.message).toContain(
    `${row?.credits_charged.toLocaleString('en-US')} credits were charged`,
  );
});

describe('a function killed mid-call', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  async function serveInChild(): Promise<string> {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'tests/integration/llm/support/serve-llm-proxy.ts')],
      { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    return chunk.toString().trim();
  }

  it('is charged in full by the sweeper once its hold expires, marked estimated', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const url = await serveInChild();
    const tag = uniqueTag();
    const pending = fetch(`${url}/api/llm/openai`, {
      method: 'POST',
      headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        messages: [{ role: 'user', content: `[[llm:hang]] ${tag}` }],
        max_tokens: 1024,
      }),
    }).catch(() => 'connection lost');
    // The provider has the request: the call started. Then the platform kills the function.
    await eventually(async () => ((await standInCalls(tag)) > 0 ? true : undefined));
    child!.kill('SIGKILL');
    expect(await pending).toBe('connection lost');

    const [hold] = await reservationOf(caller.id);
    expect(hold).toMatchObject({ status: 'active' });
    expect(await usageRows(caller.id)).toEqual([]);

    // Its lifetime passes; the run engine's budget hold and a chat call whose exchange was never
    // stored (the provider was never called) expire with it.
    const runHold = `run:${crypto.randomUUID()}:hold`;
    const neverStarted = crypto.randomUUID();
    await testDb().query(`select billing.reserve_credits($1, 5000, $2)`, [caller.id, runHold]);
    await testDb().query(`select billing.reserve_call($1, $2, 'openai', $3, 'chat', 100, 100, $4, $5)`, [
      caller.id,
      neverStarted,
      model,
      crypto.randomUUID(),
      crypto.randomUUID(),
    ]);
    await testDb().query(
      `update public.credit_reservations set expires_at = now() - interval '1 second' where user_id = $1`,
      [caller.id],
    );
    expect((await sweep()).status).toBe(204);

    const after = await reservationOf(caller.id);
    expect(after).toEqual([
      expect.objectContaining({ request_id: hold?.request_id, status: 'settled', charged: hold?.amount }),
      expect.objectContaining({ request_id: runHold, status: 'expired', charged: 0 }),
      expect.objectContaining({ request_id: neverStarted, status: 'expired', charged: 0 }),
    ]);
    expect(await usageRows(caller.id)).toEqual([
      expect.objectContaining({
        request_id: hold?.request_id,
        status: 'error',
        estimated: true,
        credits_charged: hold?.amount,
      }),
    ]);
    expect(await available(caller.id)).toBe(before - (hold?.amount ?? 0));
    // Swept again: nothing more happens.
    expect((await sweep()).status).toBe(204);
    expect(await available(caller.id)).toBe(before - (hold?.amount ?? 0));
  });
});

it('charges an expired chat call whose exchange was stored and marks its answer failed with the cost', async () => {
  const caller = await newCaller();
  const before = await available(caller.id);
  const db = testDb();
  const { rows: sessions } = await db.query<{ id: string }>(
    'insert into public.chat_sessions (user_id) values ($1) returning id',
    [caller.id],
  );
  const sessionId = sessions[0]!.id;
  const answerId = crypto.randomUUID();
  await db.query(
    `insert into public.chat_messages (session_id, role, content) values ($1, 'user', 'Hello')`,
    [sessionId],
  );
  await db.query(
    `insert into public.chat_messages (id, session_id, role, content, status, provider, model)
     values ($1, $2, 'assistant', '', 'streaming', 'openai', $3)`,
    [answerId, sessionId, model],
  );
  const callId = crypto.randomUUID();
  await db.query(`select billing.reserve_call($1, $2, 'openai', $3, 'chat', 500, 700, $4, $5)`, [
    caller.id,
    callId,
    model,
    sessionId,
    answerId,
  ]);
  await db.query(
    `update public.credit_reservations set expires_at = now() - interval '1 second' where request_id = $1`,
    [callId],
  );
  expect((await sweep()).status).toBe(204);

  const [hold] = await reservationOf(caller.id);
  expect(hold).toMatchObject({ request_id: callId, status: 'settled' });
  expect(hold?.charged).toBe(hold?.amount);
  const { rows } = await db.query<{ status: string; request_id: string; credits_charged: string }>(
    'select status, request_id, credits_charged from public.chat_messages where id = $1',
    [answerId],
  );
  expect(rows[0]).toEqual({ status: 'error', request_id: callId, credits_charged: String(hold?.amount) });
  expect(await usageRows(caller.id)).toEqual([
    expect.objectContaining({
      request_id: callId,
      estimated: true,
      session_id: sessionId,
      message_id: answerId,
    }),
  ]);
  expect(await available(caller.id)).toBe(before - (hold?.amount ?? 0));
});
