// The admin console's user routes: search, detail, credit grants and claw-backs through the
// billing function (idempotent, ledger + audit), suspension (403 everywhere incl. the LLM gateway,
// sessions ended); and every route refuses a member with 403 having read or changed nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import userCredits from '../../../netlify/functions/admin-user-credits.mjs';
import userDetail from '../../../netlify/functions/admin-user.mjs';
import userSuspension from '../../../netlify/functions/admin-user-suspension.mjs';
import users from '../../../netlify/functions/admin-users.mjs';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import type { AdminUserDetail, AdminUserSummary } from '../../../src/shared/admin-users';
import { readError } from '../http/helpers';
import { admin, call, db, footprint, member, type Actor } from './harness';

let staff: Actor;
let customer: Actor;

beforeAll(async () => {
  [staff, customer] = await Promise.all([admin(), member('customer')]);
});
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

const grant = (userId: string, body: unknown, token = staff.token) =>
  call(userCredits, `/api/admin/users/${userId}/credits`, { token, params: { id: userId }, body });
const suspend = (userId: string, suspended: boolean, token = staff.token) =>
  call(userSuspension, `/api/admin/users/${userId}/suspension`, {
    token,
    params: { id: userId },
    body: { suspended, reason: suspended ? 'Abuse report #42' : 'Appeal accepted' },
  });

describe('admin user routes refuse members', () => {
  it('answer 403 to a member and 401 without a token, reading and changing nothing', async () => {
    const target = await member('target');
    const before = await footprint(target.id);
    const routes = [
      () => call(users, '/api/admin/users?email=example', { token: customer.token }),
      () =>
        call(userDetail, `/api/admin/users/${target.id}`, {
          token: customer.token,
          params: { id: target.id },
        }),
      () =>
        grant(target.id, { amount: 1000, reason: 'Goodwill', idempotencyKey: randomUUID() }, customer.token),
      () => suspend(target.id, true, customer.token),
    ];
    for (const route of routes) {
      const response = await route();
      expect(response.status).toBe(403);
      const error = await readError(response);
      expect(error.code).toBe('FORBIDDEN');
      // The error carries no data of the target.
      expect(JSON.stringify(error)).not.toContain(target.email);
    }
    const anonymous = await call(users, '/api/admin/users?email=x');
    expect(anonymous.status).toBe(401);
    expect(await footprint(target.id)).toEqual(before);
  });
});

describe('search and detail', () => {
  it('finds users by part of their email and shows plan, balance, ledger, usage, hires and tickets', async () => {
    const target = await member('findme');
    const fragment = target.email.slice(4, 16).toUpperCase();
    const search = await call(users, `/api/admin/users?email=${encodeURIComponent(fragment)}`, {
      token: staff.token,
    });
    expect(search.status).toBe(200);
    const found = (await search.json()) as AdminUserSummary[];
    expect(found.map((row) => row.id)).toEqual([target.id]);
    expect(found[0]).toMatchObject({ email: target.email, plan: 'free', role: 'member', suspendedAt: null });
    // LIKE wildcards are literal: "%" matches no one.
    const wildcard = await call(users, '/api/admin/users?email=%25', { token: staff.token });
    expect(await wildcard.json()).toEqual([]);

    // Raw events of the user: two model calls today, a hire and a ticket.
    const calls = [1200, 3400];
    for (const credits of calls) {
      await db.query(
        `insert into public.token_usage (user_id, request_id, provider, model, feature, input_tokens, output_tokens, credits_charged, status)
         values ($1, $2, 'openai', 'gpt-4o-mini', 'chat', 10, 20, $3, 'ok')`,
        [target.id, randomUUID(), credits],
      );
    }
    const { data: employee } = await target.client.from('ai_employees').select('id, name').limit(1).single();
    const { error: hireError } = await target.client.rpc('hire_employee', { p_employee_id: employee!.id });
    expect(hireError).toBeNull();
    const { data: ticketId } = await target.client.rpc('open_support_ticket', {
      p_subject: 'Where are my credits?',
      p_category: 'billing',
      p_body: 'Please check.',
    });

    const response = await call(userDetail, `/api/admin/users/${target.id}`, {
      token: staff.token,
      params: { id: target.id },
    });
    expect(response.status).toBe(200);
    const detail = (await response.json()) as AdminUserDetail;
    const { rows } = await db.query(
      `select a.available::float8 as available, (select count(*)::int from public.credit_ledger where user_id = $1) as ledger
         from billing.get_balance($1) a`,
      [target.id],
    );
    expect(detail).toMatchObject({ id: target.id, email: target.email, plan: 'free', planStatus: 'active' });
    expect(detail.balance.available).toBe(rows[0].available);
    expect(detail.ledger).toHaveLength(rows[0].ledger);
    expect(detail.usage).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        requests: calls.length,
        credits: calls.reduce((sum, credits) => sum + credits, 0),
      },
    ]);
    expect(detail.hires).toEqual([expect.objectContaining({ employeeName: employee!.name, isActive: true })]);
    expect(detail.tickets).toEqual([
      expect.objectContaining({ id: ticketId, subject: 'Where are my credits?' }),
    ]);

    const missing = randomUUID();
    const notFound = await call(userDetail, `/api/admin/users/${missing}`, {
      token: staff.token,
      params: { id: missing },
    });
    expect(notFound.status).toBe(404);
  });
});

describe('credit grants and claw-backs', () => {
  it('a grant moves credits once per key, with one ledger row and one audit row (before/after)', async () => {
    const target = await member('grantee');
    const before = await footprint(target.id);
    const body = { amount: 5_000_000, reason: 'Outage credit', idempotencyKey: randomUUID() };

    // The same request five times at once, then once more: one movement.
    const results = await Promise.all(Array.from({ length: 5 }, () => grant(target.id, body)));
    expect(results.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const again = await grant(target.id, body);
    const payloads = await Promise.all([...results, again].map((response) => response.json()));
    expect(new Set(payloads.map((payload) => JSON.stringify(payload))).size).toBe(1);
    expect(payloads[0]).toMatchObject({ amount: 5_000_000, purchasedBalance: before.purchased + 5_000_000 });

    const after = await footprint(target.id);
    expect(after).toMatchObject({ purchased: before.purchased + 5_000_000, ledger: before.ledger + 1 });
    const { rows: ledger } = await db.query(
      `select kind, bucket, amount::float8 as amount, source from public.credit_ledger where user_id = $1 and kind = 'adjustment'`,
      [target.id],
    );
    expect(ledger).toEqual([
      {
        kind: 'adjustment',
        bucket: 'purchased',
        amount: 5_000_000,
        source: { reason: 'Outage credit', admin_id: staff.id },
      },
    ]);
    const { rows: audit } = await db.query(
      `select actor_id, action, metadata from public.audit_logs where target_id = $1 and action like 'admin.credits%'`,
      [target.id],
    );
    expect(audit).toEqual([
      {
        actor_id: staff.id,
        action: 'admin.credits_grant',
        metadata: expect.objectContaining({
          reason: 'Outage credit',
          amount: 5_000_000,
          before: { purchased_balance: before.purchased },
          after: { purchased_balance: before.purchased + 5_000_000 },
        }),
      },
    ]);

    // The user sees it: their own balance through RLS, as the SPA reads it.
    const { data: balance } = await target.client
      .from('credit_balances')
      .select('purchased_balance')
      .single();
    expect(Number(balance!.purchased_balance)).toBe(before.purchased + 5_000_000);
  });

  it('claws back, refuses more than the purchased balance, a reused key with another amount and bad input — changing nothing', async () => {
    const target = await member('clawee');
    await grant(target.id, { amount: 1_000, reason: 'Seed credits', idempotencyKey: randomUUID() });
    const back = await grant(target.id, {
      amount: -400,
      reason: 'Granted by mistake',
      idempotencyKey: randomUUID(),
    });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ amount: -400, purchasedBalance: 600 });

    const settled = await footprint(target.id);
    const tooMuch = await grant(target.id, {
      amount: -601,
      reason: 'Too much',
      idempotencyKey: randomUUID(),
    });
    expect(tooMuch.status).toBe(409);
    expect((await readError(tooMuch)).message).toContain('the purchased balance is 600');

    const key = randomUUID();
    await grant(target.id, { amount: 10, reason: 'Small one', idempotencyKey: key });
    const afterSmall = await footprint(target.id);
    const reused = await grant(target.id, { amount: 99, reason: 'Small one', idempotencyKey: key });
    expect(reused.status).toBe(409);
    expect(await footprint(target.id)).toEqual(afterSmall);

    for (const body of [
      { amount: 0, reason: 'Zero', idempotencyKey: randomUUID() },
      { amount: 1.5, reason: 'Fraction', idempotencyKey: randomUUID() },
      { amount: 10, reason: '', idempotencyKey: randomUUID() },
      { amount: 10, reason: 'No key' },
      { amount: 2e12, reason: 'Too large', idempotencyKey: randomUUID() },
    ]) {
      const response = await grant(target.id, body);
      expect(response.status).toBe(400);
    }
    expect(await footprint(target.id)).toEqual(afterSmall);
    expect(settled.purchased).toBe(600);

    const nobody = randomUUID();
    const missing = await grant(nobody, { amount: 10, reason: 'Nobody', idempotencyKey: randomUUID() });
    expect(missing.status).toBe(404);
  });
});

describe('suspension', () => {
  const ask = (actor: Actor) =>
    llmProxy(
      new Request('http://localhost:8888/api/llm/openai', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${actor.token}` },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'hi' }],
          max_tokens: 16,
        }),
      }),
      { params: { provider: 'openai' }, requestId: randomUUID(), ip: '203.0.113.9' } as never,
    );
  const usageCount = async (userId: string) =>
    (await db.query('select count(*)::int as n from public.token_usage where user_id = $1', [userId])).rows[0]
      .n;

  it('blocks every API call of the user with 403 (the LLM gateway too) and ends their sessions; reinstating restores access', async () => {
    const target = await member('suspect');
    expect((await ask(target)).status).toBe(200);
    const calls = await usageCount(target.id);

    const suspended = await suspend(target.id, true);
    expect(suspended.status).toBe(200);
    expect(await suspended.json()).toMatchObject({ userId: target.id, suspendedAt: expect.any(String) });

    const refused = await ask(target);
    expect(refused.status).toBe(403);
    expect((await readError(refused)).message).toContain('suspended');
    expect(await usageCount(target.id)).toBe(calls);
    // The session is over: its refresh token no longer works.
    const { error: refreshError } = await target.client.auth.refreshSession();
    expect(refreshError?.message).toMatch(/Invalid Refresh Token/);
    const sessions = await db.query('select count(*)::int as n from auth.sessions where user_id = $1', [
      target.id,
    ]);
    expect(sessions.rows[0].n).toBe(0);
    const { error: bannedSignIn } = await target.client.auth.signInWithPassword({
      email: target.email,
      password: 'correct-horse-battery-staple',
    });
    expect(bannedSignIn?.message).toMatch(/banned/i);

    const { rows: audit } = await db.query(
      `select action, actor_id, metadata -> 'before' ->> 'suspended_at' as before_at,
              metadata -> 'after' ->> 'suspended_at' as after_at, metadata ->> 'reason' as reason
         from public.audit_logs where target_id = $1 and action like 'admin.user_%' order by created_at`,
      [target.id],
    );
    expect(audit).toEqual([
      {
        action: 'admin.user_suspend',
        actor_id: staff.id,
        before_at: null,
        after_at: expect.any(String),
        reason: 'Abuse report #42',
      },
    ]);

    expect((await suspend(target.id, false)).status).toBe(200);
    // The suspension ended the sessions: the old token stays refused (its session is gone), and a
    // new sign-in works and may spend again.
    expect((await ask(target)).status).toBe(401);
    const { data: signedIn, error: signInError } = await target.client.auth.signInWithPassword({
      email: target.email,
      password: 'correct-horse-battery-staple',
    });
    expect(signInError).toBeNull();
    expect((await ask({ ...target, token: signedIn.session!.access_token })).status).toBe(200);
  });

  it('refuses an admin suspending their own account', async () => {
    const response = await suspend(staff.id, true);
    expect(response.status).toBe(409);
    expect((await footprint(staff.id)).suspended_at).toBeNull();
  });
});
