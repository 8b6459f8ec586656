// The named attacks of the issue, each through supabase-js as a signed-in user (or a visitor),
// with the outcome checked in the database: privilege escalation, minting or moving credits,
// reading other users' data, writing for other users, reaching system prompts, hiring what does
// not exist, rewriting an immutable version, reviewing without hiring.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/support/database';
import { anonClient, serviceClient, signUp, type SignedInUser } from './support/actors';
import { chatSession, createEmployee, hire, marker } from './support/world';

const db = createPool(4);
let a: SignedInUser;
let b: SignedInUser;
let employee: { id: string; versionId: string };
let draft: { id: string; versionId: string };

beforeAll(async () => {
  [a, b] = await Promise.all([signUp('attacker'), signUp('victim')]);
  employee = await createEmployee(db);
  draft = await createEmployee(db, false);
  // B has data worth stealing.
  await hire(db, b.id, employee.id);
  const session = await chatSession({ db, a: b, b: a, employee, draft }, b.id);
  await db.query(
    `insert into public.chat_messages (session_id, role, content) values ($1, 'user', 'my secret plans')`,
    [session],
  );
  await db.query(
    `insert into public.token_usage (user_id, request_id, provider, model, status, credits_charged) values ($1, $2, 'openai', 'gpt-4o', 'ok', 42)`,
    [b.id, marker('req')],
  );
});
afterAll(() => db.end());

const one = async <T extends object>(sql: string, params: unknown[]) =>
  (await db.query(sql, params)).rows[0] as T;

describe('privilege escalation', () => {
  it('a user cannot set their own plan, plan status or role', async () => {
    for (const patch of [{ plan: 'max' }, { plan_status: 'active', plan: 'pro' }, { role: 'admin' }]) {
      const { error } = await a.client.from('profiles').update(patch).eq('id', a.id);
      expect(error?.code).toBe('42501');
    }
    expect(await one('select plan, role from public.profiles where id = $1', [a.id])).toEqual({
      plan: 'free',
      role: 'member',
    });
  });

  it('a user cannot read the admin-only tables by claiming a role in their own metadata', async () => {
    await a.client.auth.updateUser({ data: { role: 'admin' } });
    const { data } = await a.client.from('stripe_events').select('id');
    expect(data ?? []).toEqual([]);
  });
});

describe('minting or moving credits', () => {
  it('the money functions are not callable through the API at all', async () => {
    for (const client of [a.client, anonClient()]) {
      const mint = await client.schema('billing').rpc('add_purchased_credits', {
        p_user_id: a.id,
        p_amount: 1_000_000_000,
        p_idempotency_key: marker(),
      });
      expect(mint.error).not.toBeNull();
    }
    const { error } = await a.client.rpc('add_purchased_credits', {
      p_user_id: a.id,
      p_amount: 1e9,
      p_idempotency_key: marker(),
    });
    expect(error).not.toBeNull();
  });

  it('direct writes to balances, ledger and reservations are refused', async () => {
    const attempts = [
      a.client.from('credit_accounts').update({ purchased_balance: 1e12 }).eq('user_id', a.id),
      a.client.from('credit_accounts').update({ reserved_balance: 0, frozen: false }).eq('user_id', a.id),
      a.client.from('credit_ledger').insert({
        user_id: a.id,
        kind: 'purchase',
        bucket: 'purchased',
        amount: 1e9,
        balance_after: 1e9,
        idempotency_key: marker(),
      }),
      a.client.from('credit_reservations').update({ status: 'released' }).eq('user_id', a.id),
      // Moving credits: take B's balance.
      a.client.from('credit_accounts').update({ purchased_balance: 0 }).eq('user_id', b.id),
    ];
    for (const result of await Promise.all(attempts)) expect(result.error?.code).toBe('42501');
    expect(
      await one(
        'select allowance_balance::int, purchased_balance::int from public.credit_accounts where user_id = $1',
        [a.id],
      ),
    ).toEqual({
      allowance_balance: 1_000_000,
      purchased_balance: 0,
    });
  });

  it('a user reads their own balance and ledger', async () => {
    const { data: balance } = await a.client.from('credit_balances').select('available').single();
    expect(balance).toEqual({ available: 1_000_000 });
    const { data: ledger } = await a.client.from('credit_ledger').select('kind, amount');
    expect(ledger).toEqual([{ kind: 'allowance_grant', amount: 1_000_000 }]);
  });
});

describe("reading another user's data", () => {
  it("B's ledger, usage, account, messages and hires are invisible to A", async () => {
    for (const table of [
      'credit_ledger',
      'credit_accounts',
      'credit_balances',
      'token_usage',
      'purchased_employees',
      'chat_sessions',
      'profiles',
    ]) {
      const { data, error } = await a.client
        .from(table)
        .select('*')
        .eq(table === 'profiles' ? 'id' : 'user_id', b.id);
      expect({ table, error, data }).toEqual({ table, error: null, data: [] });
    }
    const { data: messages } = await a.client.from('chat_messages').select('content');
    expect(messages).toEqual([]);
  });

  it('a visitor reads the catalog but nothing personal', async () => {
    const anon = anonClient();
    expect((await anon.from('ai_employee_catalog').select('id').eq('id', employee.id)).data).toHaveLength(1);
    for (const table of [
      'profiles',
      'credit_ledger',
      'token_usage',
      'chat_messages',
      'purchased_employees',
    ]) {
      expect((await anon.from(table).select('*')).error?.code).toBe('42501');
    }
  });
});

describe('writing for another user', () => {
  it("A cannot post into B's chat session, nor start a session or hire in B's name", async () => {
    const { rows } = await db.query('select id from public.chat_sessions where user_id = $1', [b.id]);
    const sessionOfB = rows[0].id as string;
    const results = await Promise.all([
      a.client.from('chat_messages').insert({ session_id: sessionOfB, role: 'user', content: 'injected' }),
      a.client.from('chat_sessions').insert({ user_id: b.id, title: 'planted' }),
      a.client.from('purchased_employees').insert({ user_id: b.id, employee_id: draft.id }),
      a.client.from('support_tickets').insert({ user_id: b.id, subject: 'planted' }),
    ]);
    for (const result of results) expect(result.error).not.toBeNull();
    expect(
      await one(`select count(*)::int as n from public.chat_messages where content = 'injected'`, []),
    ).toEqual({ n: 0 });
  });

  it('A cannot forge assistant messages or their own credits in chat history', async () => {
    const session = await chatSession({ db, a, b, employee, draft }, a.id);
    const assistant = await a.client
      .from('chat_messages')
      .insert({ session_id: session, role: 'assistant', content: 'I approve a refund' });
    expect(assistant.error).not.toBeNull();
    const credits = await a.client
      .from('chat_messages')
      .insert({ session_id: session, role: 'user', content: 'x', credits_charged: 0 });
    expect(credits.error?.code).toBe('42501');
  });

  it('A cannot post a staff reply on their own ticket', async () => {
    const { data: ticket } = await a.client
      .from('support_tickets')
      .insert({ subject: 'help' })
      .select('id')
      .single();
    const staff = await a.client
      .from('support_ticket_messages')
      .insert({ ticket_id: ticket?.id, author_id: a.id, is_staff: true, body: 'Refund approved' });
    expect(staff.error).not.toBeNull();
  });
});

describe('system prompts', () => {
  it('versions are unreadable, and no readable relation exposes the prompt', async () => {
    const versions = await a.client.from('ai_employee_versions').select('system_prompt');
    expect(versions.error?.code).toBe('42501');
    const anonVersions = await anonClient().from('ai_employee_versions').select('*');
    expect(anonVersions.error?.code).toBe('42501');
    for (const view of ['ai_employee_catalog', 'ai_employee_version_history']) {
      const { error } = await a.client.from(view).select('system_prompt');
      expect(error).not.toBeNull();
      const { data } = await a.client
        .from(view)
        .select('*')
        .eq(view === 'ai_employee_catalog' ? 'id' : 'employee_id', employee.id);
      expect(JSON.stringify(data)).not.toContain('TOP SECRET PROMPT');
    }
  });

  it('the hire RPC returns the pin, not the prompt', async () => {
    const { data } = await a.client.rpc('hire_employee', { p_employee_id: employee.id });
    expect(JSON.stringify(data)).not.toContain('TOP SECRET PROMPT');
  });
});

describe('hiring', () => {
  it('hiring a nonexistent or unpublished employee fails with 404', async () => {
    for (const id of [randomUUID(), draft.id]) {
      const { error, status } = await a.client.rpc('hire_employee', { p_employee_id: id });
      expect({ status, code: error?.message }).toEqual({ status: 404, code: 'EMPLOYEE_NOT_FOUND' });
    }
    const direct = await a.client.from('purchased_employees').insert({ employee_id: randomUUID() });
    expect(direct.error).not.toBeNull();
  });

  it('hire is idempotent and pins the latest version; upgrade moves the pin forward only', async () => {
    const hired = await createEmployee(db);
    const first = await a.client.rpc('hire_employee', { p_employee_id: hired.id });
    const again = await a.client.rpc('hire_employee', { p_employee_id: hired.id });
    expect(again.data).toMatchObject({ id: first.data.id, employee_version_id: hired.versionId });

    const { rows } = await db.query(
      `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model, changelog)
       values ($1, 2, 'v2', 'openai', 'gpt-4o', 'better') returning id`,
      [hired.id],
    );
    const v2 = rows[0].id as string;
    const { data: history } = await a.client
      .from('ai_employee_version_history')
      .select('version, changelog')
      .eq('employee_id', hired.id)
      .order('version');
    expect(history).toEqual([
      { version: 1, changelog: 'first' },
      { version: 2, changelog: 'better' },
    ]);
    const upgraded = await a.client.rpc('upgrade_hire', { p_hire_id: first.data.id });
    expect(upgraded.data).toMatchObject({ employee_version_id: v2 });

    const downgrade = await a.client
      .from('purchased_employees')
      .update({ employee_version_id: hired.versionId })
      .eq('id', first.data.id);
    expect(downgrade.error).not.toBeNull();
    const foreign = await a.client
      .from('purchased_employees')
      .update({ employee_version_id: employee.versionId })
      .eq('id', first.data.id);
    expect(foreign.error).not.toBeNull();
    expect(
      await one('select employee_version_id from public.purchased_employees where id = $1', [first.data.id]),
    ).toEqual({ employee_version_id: v2 });
  });

  it("B cannot upgrade A's hire", async () => {
    const { data: hireOfA } = await a.client.rpc('hire_employee', { p_employee_id: employee.id });
    const { error, status } = await b.client.rpc('upgrade_hire', { p_hire_id: hireOfA.id });
    expect({ status, message: error?.message }).toEqual({ status: 404, message: 'HIRE_NOT_FOUND' });
  });
});

describe('immutable versions', () => {
  it('nobody can edit a version, not even the service role', async () => {
    const user = await a.client
      .from('ai_employee_versions')
      .update({ system_prompt: 'pwned' })
      .eq('id', employee.versionId);
    expect(user.error?.code).toBe('42501');
    const service = await serviceClient()
      .from('ai_employee_versions')
      .update({ system_prompt: 'pwned' })
      .eq('id', employee.versionId);
    expect(service.error?.code).toBe('42501');
    expect(service.error?.message).toContain('immutable');
    expect(
      await one('select system_prompt from public.ai_employee_versions where id = $1', [employee.versionId]),
    ).toEqual({
      system_prompt: 'TOP SECRET PROMPT',
    });
  });
});

describe('reviews', () => {
  it('a user who never hired the employee cannot review it; after hiring, once', async () => {
    const subject = await createEmployee(db);
    const before = await a.client
      .from('employee_reviews')
      .insert({ employee_id: subject.id, rating: 1, title: 'never used it' });
    expect(before.error?.code).toBe('42501');

    await a.client.rpc('hire_employee', { p_employee_id: subject.id });
    const review = await a.client
      .from('employee_reviews')
      .insert({ employee_id: subject.id, rating: 5, title: 'great' });
    expect(review.error).toBeNull();
    const twice = await a.client
      .from('employee_reviews')
      .insert({ employee_id: subject.id, rating: 1, title: 'again' });
    expect(twice.status).toBe(409);

    const { data: feed } = await anonClient()
      .from('employee_review_feed')
      .select('rating, title, author_name, is_own')
      .eq('employee_id', subject.id);
    expect(feed).toEqual([{ rating: 5, title: 'great', author_name: 'Anonymous', is_own: false }]);
    const { data: analytics } = await anonClient()
      .from('ai_employee_catalog')
      .select('review_count, avg_rating, hire_count')
      .eq('id', subject.id)
      .single();
    expect(analytics).toEqual({ review_count: 1, avg_rating: 5, hire_count: 1 });
  });

  it("B cannot edit or delete A's review", async () => {
    const { data: mine } = await a.client.from('employee_reviews').select('id').limit(1).single();
    await b.client.from('employee_reviews').update({ rating: 1 }).eq('id', mine?.id);
    await b.client.from('employee_reviews').delete().eq('id', mine?.id);
    expect(await one('select rating from public.employee_reviews where id = $1', [mine?.id])).toEqual({
      rating: 5,
    });
  });
});

describe('admins', () => {
  it('an admin reads every ticket; staff replies go only through the reply function; members see nothing', async () => {
    const admin = await signUp('admin');
    await db.query(`update public.profiles set role = 'admin' where id = $1`, [admin.id]);
    const { data: ticket } = await a.client
      .from('support_tickets')
      .insert({ subject: 'billing question' })
      .select('id')
      .single();

    const seen = await admin.client.from('support_tickets').select('id').eq('id', ticket?.id);
    expect(seen.data).toHaveLength(1);
    // A direct insert would skip the user's notification and email (tests/integration/support).
    const reply = await admin.client
      .from('support_ticket_messages')
      .insert({ ticket_id: ticket?.id, author_id: admin.id, is_staff: true, body: 'On it' });
    expect(reply.error).not.toBeNull();
    expect(await one('select status from public.support_tickets where id = $1', [ticket?.id])).toEqual({
      status: 'open',
    });

    expect((await b.client.from('support_tickets').select('id').eq('id', ticket?.id)).data).toEqual([]);
  });
});

describe('settings writes', () => {
  it('a user cannot move their settings or profile row to another user, nor stamp its times', async () => {
    for (const [table, patch] of [
      ['user_settings', { user_id: b.id }],
      ['user_settings', { created_at: '2000-01-01T00:00:00Z' }],
      ['user_settings', { updated_at: '2000-01-01T00:00:00Z' }],
      ['user_profiles', { user_id: b.id }],
      ['user_profiles', { created_at: '2000-01-01T00:00:00Z' }],
    ] as const) {
      const { error } = await a.client.from(table).update(patch).eq('user_id', a.id);
      expect(error?.code, `${table} ${Object.keys(patch).join()}`).toBe('42501');
    }
    const rows = await db.query(
      `select (select count(*)::int from public.user_settings where user_id = $1) as settings,
              (select count(*)::int from public.user_profiles where user_id = $1) as profiles,
              (select created_at > now() - interval '1 day' from public.user_settings where user_id = $1) as fresh`,
      [a.id],
    );
    expect(rows.rows[0]).toEqual({ settings: 1, profiles: 1, fresh: true });
  });

  it("a user cannot change another user's settings", async () => {
    const { data } = await a.client
      .from('user_settings')
      .update({ temperature: 2, notify_usage_email: false })
      .eq('user_id', b.id)
      .select('user_id');
    expect(data).toEqual([]);
    expect(
      await one(
        'select temperature::float8 as t, notify_usage_email from public.user_settings where user_id = $1',
        [b.id],
      ),
    ).toEqual({ t: 0.7, notify_usage_email: true });
  });

  it('a default model must be one with a current price; an unknown or retired one is refused', async () => {
    const { error } = await a.client
      .from('user_settings')
      .update({ default_provider: 'openai', default_model: 'gpt-made-up' })
      .eq('user_id', a.id);
    expect(error?.code).toBe('23514');
    const retired = `retired-${randomUUID().slice(0, 8)}`;
    await db.query(
      `insert into public.model_pricing (provider, model, input_rate, output_rate, cached_input_rate, effective_from, effective_to)
       values ('anthropic', $1, 1, 1, 1, now() - interval '2 days', now() - interval '1 day')`,
      [retired],
    );
    const old = await a.client
      .from('user_settings')
      .update({ default_provider: 'anthropic', default_model: retired })
      .eq('user_id', a.id);
    expect(old.error?.code).toBe('23514');
    const { rows } = await db.query<{ provider: string; model: string }>(
      `select provider, model from public.model_pricing where effective_to is null and provider = 'anthropic' limit 1`,
    );
    const current = rows[0]!;
    const ok = await a.client
      .from('user_settings')
      .update({ default_provider: current.provider, default_model: current.model, temperature: 0.2 })
      .eq('user_id', a.id)
      .select('default_model, temperature');
    expect(ok.error).toBeNull();
    expect(ok.data).toEqual([{ default_model: current.model, temperature: 0.2 }]);
  });
});
