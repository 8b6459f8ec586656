/**
 * Webhook triggers through the handlers: making and rotating a hook (token shown once, stored
 * hashed), a wrong token (404, nothing written), a bad or missing signature (401), the same
 * Idempotency-Key twice (one run), a body missing a required input (400, nothing held), and the
 * per-workflow rate limit.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import hooksWorkflows from '../../../netlify/functions/hooks-workflows.mjs';
import workflowsWebhook from '../../../netlify/functions/workflows-webhook.mjs';
import { signBody } from '../../../netlify/lib/workflows/webhooks';
import { apiRequest, netlifyContext, readError } from '../http/helpers';
import { available, newCaller, testDb, type Caller } from '../llm/harness';
import { drain, engine, hiredMember, runOf } from '../runs/harness';
import { newWorkflow, post, step, workflowRunOf } from './harness';

afterAll(async () => {
  await testDb().end();
});

const makeHook = (caller: Caller, workflowId: string, signed = false) =>
  post(workflowsWebhook, `/api/workflows/${workflowId}/webhook`, caller, { signed }, { id: workflowId });

function deliver(token: string, body: string, headers: Record<string, string> = {}) {
  return hooksWorkflows(
    apiRequest(`/api/hooks/workflows/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }),
    netlifyContext({ params: { token }, ip: `198.51.100.${Math.floor(Math.random() * 200)}` }),
  );
}

async function hookedWorkflow(caller: Caller, signed = false) {
  const member = await hiredMember(caller);
  const workflowId = await newWorkflow(caller, {
    inputs: [{ name: 'email', type: 'text' }],
    steps: [step('reply', member.id, 'Answer {{input.email}} [[llm:tokens=4]]')],
  });
  const response = await makeHook(caller, workflowId, signed);
  expect(response.status).toBe(201);
  const { webhook } = (await response.json()) as {
    webhook: { token: string; path: string; secret: string | null };
  };
  return { workflowId, ...webhook };
}

const runsOf = async (workflowId: string) =>
  (
    await testDb().query<{ id: string }>(
      `select id from public.workflow_runs where workflow_id = $1 and trigger = 'webhook'`,
      [workflowId],
    )
  ).rows.map((r) => r.id);

describe('workflow webhooks', () => {
  it('starts a run from the JSON body; the token is stored only hashed', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const hook = await hookedWorkflow(caller);
    expect(hook.path).toBe(`/api/hooks/workflows/${hook.token}`);
    const { rows } = await testDb().query<{ token_hash: string }>(
      'select token_hash from public.workflow_webhooks where workflow_id = $1',
      [hook.workflowId],
    );
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(hook.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(hook.token);

    const response = await deliver(hook.token, JSON.stringify({ email: 'Where is my order?' }));
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as { run: { id: string } };
    expect(await workflowRunOf(run.id)).toMatchObject({
      trigger: 'webhook',
      inputs: { email: 'Where is my order?' },
    });
    await drain(engine({ runIds: [run.id] }));
    expect(await runOf(run.id)).toMatchObject({ status: 'completed' });
  });

  it('answers a wrong token 404 and a body missing an input 400, writing nothing', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const hook = await hookedWorkflow(caller);
    const before = await available(caller.id);
    const wrong = await deliver(`${hook.token.slice(0, -4)}AAAA`, JSON.stringify({ email: 'x' }));
    expect(wrong.status).toBe(404);
    expect((await deliver('short', '{}')).status).toBe(404);
    const missing = await deliver(hook.token, JSON.stringify({ other: 'x' }), {
      'idempotency-key': 'k-missing',
    });
    expect(missing.status).toBe(400);
    expect((await readError(missing)).details).toEqual([
      { path: 'inputs.email', message: '"email" is required.' },
    ]);
    expect((await deliver(hook.token, '[1, 2]')).status).toBe(400);
    expect(await runsOf(hook.workflowId)).toEqual([]);
    expect(await available(caller.id)).toBe(before);
    const { rows } = await testDb().query(
      'select 1 from public.workflow_webhook_deliveries where workflow_id = $1',
      [hook.workflowId],
    );
    expect(rows).toEqual([]);
  });

  it('requires the HMAC signature of a signed hook', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const hook = await hookedWorkflow(caller, true);
    expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const body = JSON.stringify({ email: 'Signed hello' });
    expect((await deliver(hook.token, body)).status).toBe(401);
    expect(
      (await deliver(hook.token, body, { 'x-signature': signBody('not-the-secret', body) })).status,
    ).toBe(401);
    // A signature of another body does not cover this one.
    expect((await deliver(hook.token, body, { 'x-signature': signBody(hook.secret!, '{}') })).status).toBe(
      401,
    );
    expect(await runsOf(hook.workflowId)).toEqual([]);
    expect((await deliver(hook.token, body, { 'x-signature': signBody(hook.secret!, body) })).status).toBe(
      202,
    );
  });

  it('starts one run for the same Idempotency-Key, also when both arrive at once', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const hook = await hookedWorkflow(caller);
    const body = JSON.stringify({ email: 'Once only' });
    const [a, b] = await Promise.all([
      deliver(hook.token, body, { 'idempotency-key': 'order-42' }),
      deliver(hook.token, body, { 'idempotency-key': 'order-42' }),
    ]);
    const c = await deliver(hook.token, body, { 'idempotency-key': 'order-42' });
    const ids = await Promise.all(
      [a, b, c].map(async (r) => ((await r.json()) as { run: { id: string } }).run.id),
    );
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    expect(new Set(ids).size).toBe(1);
    expect(await runsOf(hook.workflowId)).toEqual([ids[0]]);
    // Another key is another run; a key older than 24 h is forgotten.
    expect((await deliver(hook.token, body, { 'idempotency-key': 'order-43' })).status).toBe(202);
    await testDb().query(
      `update public.workflow_webhook_deliveries set created_at = now() - interval '25 hours' where idempotency_key = 'order-42'`,
    );
    const later = await deliver(hook.token, body, { 'idempotency-key': 'order-42' });
    expect(((await later.json()) as { run: { id: string } }).run.id).not.toBe(ids[0]);
    expect(await runsOf(hook.workflowId)).toHaveLength(3);
  });

  it("rotates (the old token stops working), is revoked by deleting, and is the owner's only", async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const stranger = await newCaller();
    const hook = await hookedWorkflow(caller);
    expect((await makeHook(stranger, hook.workflowId)).status).toBe(404);
    const rotated = (await (await makeHook(caller, hook.workflowId)).json()) as {
      webhook: { token: string };
    };
    const body = JSON.stringify({ email: 'hi' });
    expect((await deliver(hook.token, body)).status).toBe(404);
    expect((await deliver(rotated.webhook.token, body)).status).toBe(202);
    await testDb().query('delete from public.workflow_webhooks where workflow_id = $1', [hook.workflowId]);
    expect((await deliver(rotated.webhook.token, body)).status).toBe(404);
  });

  it('rate limits deliveries per workflow', async () => {
    const caller = await newCaller({ plan: 'pro', allowance: 50_000_000 });
    const hook = await hookedWorkflow(caller);
    // Spend the workflow's minute without starting runs: bodies that fail validation still count.
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await deliver(hook.token, '{}')).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
