// Catalog and prices: a new immutable employee version (never an edit), unpublish, analytics with
// trends as the raw hires say; a price from a date; retiring a model — calls after its date answer
// a clear "retired" error at the gateway, pinned hires are offered the upgrade; all audited, and
// members refused with 403 having changed nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import publication from '../../../netlify/functions/admin-employee-publication.mjs';
import versions from '../../../netlify/functions/admin-employee-versions.mjs';
import employees from '../../../netlify/functions/admin-employees.mjs';
import retire from '../../../netlify/functions/admin-model-retire.mjs';
import addPrice from '../../../netlify/functions/admin-price-add.mjs';
import prices from '../../../netlify/functions/admin-prices.mjs';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import type { AdminEmployee, AdminPrice } from '../../../src/shared/admin-catalog';
import { jsonRequest, netlifyContext, readError } from '../http/helpers';
import { anonClient } from '../rls/support/actors';
import { admin, call, db, member, type Actor } from './harness';

let staff: Actor;
let customer: Actor;
beforeAll(async () => {
  [staff, customer] = await Promise.all([admin(), member('catalog-customer')]);
});
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

async function employee(model = { provider: 'openai', model: 'gpt-4o-mini' }) {
  const slug = `admin-fixture-${randomUUID().slice(0, 8)}`;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.ai_employees (slug, name, role, category, description, default_provider, default_model, published)
     values ($1, 'Fixture ' || $1, 'Fixture', 'engineering', 'fixture', $2, $3, true) returning id`,
    [slug, model.provider, model.model],
  );
  const id = rows[0]!.id;
  const { rows: version } = await db.query<{ id: string }>(
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model, changelog)
     values ($1, 1, 'You are the first version of a fixture employee.', $2, $3, 'first') returning id`,
    [id, model.provider, model.model],
  );
  return { id, versionId: version[0]!.id };
}

const publish = (employeeId: string, body: Record<string, unknown>, token = staff.token) =>
  call(versions, `/api/admin/employees/${employeeId}/versions`, { token, params: { id: employeeId }, body });
const newVersion = {
  systemPrompt: 'You are the second, better version of a fixture employee.',
  provider: 'anthropic',
  model: 'claude-haiku-4-5',
  tools: ['web_search'],
  changelog: 'Moves to Claude Haiku 4.5.',
};

const add = (body: Record<string, unknown>, token = staff.token) =>
  call(addPrice, '/api/admin/prices', { token, body });

describe('catalog', () => {
  it('publishes a new immutable version: v1 unchanged, the employee points at v2, pinned hires are offered the upgrade', async () => {
    const fixture = await employee();
    const { error } = await customer.client.rpc('hire_employee', { p_employee_id: fixture.id });
    expect(error).toBeNull();
    const before = await db.query('select * from public.ai_employee_versions where id = $1', [
      fixture.versionId,
    ]);

    const response = await publish(fixture.id, newVersion);
    expect(response.status).toBe(200);
    const created = (await response.json()) as { versionId: string; version: number };
    expect(created.version).toBe(2);
    expect(
      (await db.query('select * from public.ai_employee_versions where id = $1', [fixture.versionId])).rows,
    ).toEqual(before.rows);
    const { rows } = await db.query(
      `select e.latest_version_id, h.employee_version_id as pinned, v.model, v.tools
         from public.ai_employees e
         join public.purchased_employees h on h.employee_id = e.id and h.user_id = $2
         join public.ai_employee_versions v on v.id = e.latest_version_id
        where e.id = $1`,
      [fixture.id, customer.id],
    );
    expect(rows[0]).toEqual({
      latest_version_id: created.versionId,
      pinned: fixture.versionId,
      model: 'claude-haiku-4-5',
      tools: ['web_search'],
    });
    // The user's upgrade moves the hire to v2.
    const { data: hires } = await customer.client
      .from('purchased_employees')
      .select('id')
      .eq('employee_id', fixture.id);
    expect((await customer.client.rpc('upgrade_hire', { p_hire_id: hires![0]!.id })).error).toBeNull();

    const { rows: audit } = await db.query(
      `select actor_id, metadata -> 'before' ->> 'latest_version_id' as before, metadata -> 'after' ->> 'version' as version
         from public.audit_logs where target_id = $1 and action = 'admin.employee_version_publish'`,
      [fixture.id],
    );
    expect(audit).toEqual([{ actor_id: staff.id, before: fixture.versionId, version: '2' }]);
  });

  it('refuses a version on a model without a current price, bad input and unknown employees, changing nothing', async () => {
    const fixture = await employee();
    const count = async () =>
      (
        await db.query('select count(*)::int as n from public.ai_employee_versions where employee_id = $1', [
          fixture.id,
        ])
      ).rows[0].n;
    const unpriced = await publish(fixture.id, { ...newVersion, model: 'no-such-model' });
    expect(unpriced.status).toBe(400);
    expect((await readError(unpriced)).message).toContain('has no current price');
    expect((await publish(fixture.id, { ...newVersion, changelog: '' })).status).toBe(400);
    expect((await publish(fixture.id, { ...newVersion, provider: 'acme' })).status).toBe(400);
    expect((await publish(randomUUID(), newVersion)).status).toBe(404);
    expect(await count()).toBe(1);
  });

  it('unpublishes: the marketplace stops showing the employee; publishing again brings it back; both audited', async () => {
    const fixture = await employee();
    const visible = async () =>
      (await anonClient().from('ai_employee_catalog').select('id').eq('id', fixture.id)).data?.length;
    expect(await visible()).toBe(1);
    const set = (published: boolean) =>
      call(publication, `/api/admin/employees/${fixture.id}/publication`, {
        token: staff.token,
        params: { id: fixture.id },
        body: { published },
      });
    expect((await set(false)).status).toBe(200);
    expect(await visible()).toBe(0);
    expect((await set(true)).status).toBe(200);
    expect(await visible()).toBe(1);
    const { rows } = await db.query(
      `select action, metadata -> 'before' ->> 'published' as before, metadata -> 'after' ->> 'published' as after
         from public.audit_logs where target_id = $1 order by created_at`,
      [fixture.id],
    );
    expect(rows).toEqual([
      { action: 'admin.employee_unpublish', before: 'true', after: 'false' },
      { action: 'admin.employee_publish', before: 'false', after: 'true' },
    ]);
  });

  it('lists employees with employee_analytics and the 30-day hire trend, as the raw rows say', async () => {
    const fixture = await employee();
    const hirers = await Promise.all([member('h1'), member('h2'), member('h3')]);
    for (const hirer of hirers) await hirer.client.rpc('hire_employee', { p_employee_id: fixture.id });
    // One of the hires is 40 days old: it counts in the previous 30 days.
    await db.query(
      `update public.purchased_employees set hired_at = now() - interval '40 days' where employee_id = $1 and user_id = $2`,
      [fixture.id, hirers[0]!.id],
    );
    const response = await call(employees, '/api/admin/employees', { token: staff.token });
    expect(response.status).toBe(200);
    const row = ((await response.json()) as AdminEmployee[]).find((candidate) => candidate.id === fixture.id);
    const { rows: raw } = await db.query(
      `select a.hire_count, a.active_users, a.total_messages::float8 as messages,
              (select count(*)::int from public.purchased_employees where employee_id = $1 and hired_at >= now() - interval '30 days') as last30,
              (select count(*)::int from public.purchased_employees where employee_id = $1 and hired_at < now() - interval '30 days' and hired_at >= now() - interval '60 days') as previous30
         from public.employee_analytics a where a.employee_id = $1`,
      [fixture.id],
    );
    expect(row).toMatchObject({
      published: true,
      latestVersion: 1,
      model: 'gpt-4o-mini',
      hires: raw[0].hire_count,
      activeUsers: raw[0].active_users,
      messages: raw[0].messages,
      rating: null,
      hiresLast30Days: raw[0].last30,
      hiresPrevious30Days: raw[0].previous30,
    });
    expect(row!.hiresLast30Days + row!.hiresPrevious30Days).toBe(hirers.length);
  });
});

describe('prices', () => {
  const ask = (model: string, actor: Actor) =>
    llmProxy(
      jsonRequest(
        '/api/llm/openai',
        { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 16 },
        { token: actor.token },
      ),
      netlifyContext({ params: { provider: 'openai' } }),
    );
  const priceAt = async (model: string, at: Date) =>
    Number(
      (
        await db.query<{ credits: string }>(
          `select billing.price_call('openai', $1, 1000000, 0, 0, $2) as credits`,
          [model, at],
        )
      ).rows[0]!.credits,
    );

  it('adds a price from a date: the old one applies until then, the new one after; past dates and overlaps are refused', async () => {
    const model = `gpt-admin-${randomUUID().slice(0, 8)}`;
    const base = {
      provider: 'openai',
      model,
      displayName: model,
      outputRate: 2_000_000,
      cachedInputRate: 100_000,
    };
    expect(
      (await add({ ...base, inputRate: 1_000_000, effectiveFrom: new Date().toISOString() })).status,
    ).toBe(200);
    const from = new Date(Date.now() + 3_600_000);
    expect((await add({ ...base, inputRate: 3_000_000, effectiveFrom: from.toISOString() })).status).toBe(
      200,
    );
    expect(await priceAt(model, new Date(from.getTime() - 1000))).toBe(1_000_000);
    expect(await priceAt(model, new Date(from.getTime() + 1000))).toBe(3_000_000);

    const past = await add({
      ...base,
      inputRate: 5,
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(past.status).toBe(400);
    const overlap = await add({
      ...base,
      inputRate: 5,
      effectiveFrom: new Date(from.getTime() - 60_000).toISOString(),
    });
    expect(overlap.status).toBe(409);

    const list = (await (
      await call(prices, '/api/admin/prices', { token: staff.token })
    ).json()) as AdminPrice[];
    expect(list.filter((row) => row.model === model).map((row) => [row.inputRate, row.status])).toEqual([
      [1_000_000, 'current'],
      [3_000_000, 'scheduled'],
    ]);
    const { rows } = await db.query(
      `select count(*)::int as n from public.audit_logs where action = 'admin.price_add' and metadata -> 'after' ->> 'model' = $1`,
      [model],
    );
    expect(rows[0].n).toBe(2);
  });

  it('retiring a model: calls after its date answer a clear error, hires pinned to it are offered the upgrade', async () => {
    const model = `gpt-retiring-${randomUUID().slice(0, 8)}`;
    const base = {
      provider: 'openai',
      model,
      displayName: model,
      inputRate: 100_000,
      outputRate: 400_000,
      cachedInputRate: 10_000,
    };
    expect((await add({ ...base, effectiveFrom: new Date().toISOString() })).status).toBe(200);
    const fixture = await employee({ provider: 'openai', model });
    const { error } = await customer.client.rpc('hire_employee', { p_employee_id: fixture.id });
    expect(error).toBeNull();
    expect((await publish(fixture.id, newVersion)).status).toBe(200);

    const caller = await member('retiree-caller');
    expect((await ask(model, caller)).status).toBe(200);

    const retireAt = new Date();
    const response = await call(retire, '/api/admin/prices/retire', {
      token: staff.token,
      body: { provider: 'openai', model, retireAt: retireAt.toISOString() },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ pinnedHires: 1, usersNotified: 1 });

    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await ask(model, caller);
    expect(refused.status).toBe(400);
    const refusal = await readError(refused);
    expect(refusal.message).toBe(
      `Model "${model}" was retired on ${retireAt.toISOString().slice(0, 10)}. Choose a current model, or upgrade the employee to its latest version.`,
    );
    // A model that never existed still says so, differently.
    expect((await readError(await ask('never-was-a-model', caller))).message).toContain('is not available');

    const { data: mine } = await customer.client
      .from('notifications')
      .select('title, body, link')
      .eq('link', '/workforce');
    expect(mine).toContainEqual(
      expect.objectContaining({ link: '/workforce', body: expect.stringContaining(model) }),
    );

    const again = await call(retire, '/api/admin/prices/retire', {
      token: staff.token,
      body: { provider: 'openai', model, retireAt: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(again.status).toBe(409);

    // The fixture goes: other suites check that every version in the database runs on a priced model.
    await db.query('delete from public.purchased_employees where employee_id = $1', [fixture.id]);
    await db.query('delete from public.ai_employees where id = $1', [fixture.id]);
  });
});

describe('members', () => {
  it('get 403 from every catalog and price route, and nothing changes', async () => {
    const fixture = await employee();
    const snapshot = async () =>
      (
        await db.query(
          `select (select count(*)::int from public.model_pricing) as prices,
                  (select count(*)::int from public.ai_employee_versions where employee_id = $1) as versions,
                  (select published from public.ai_employees where id = $1) as published`,
          [fixture.id],
        )
      ).rows[0];
    const before = await snapshot();
    const token = customer.token;
    const responses = [
      await call(employees, '/api/admin/employees', { token }),
      await publish(fixture.id, newVersion, token),
      await call(publication, `/api/admin/employees/${fixture.id}/publication`, {
        token,
        params: { id: fixture.id },
        body: { published: false },
      }),
      await call(prices, '/api/admin/prices', { token }),
      await add(
        {
          provider: 'openai',
          model: 'x',
          displayName: 'x',
          inputRate: 1,
          outputRate: 1,
          cachedInputRate: 1,
          effectiveFrom: new Date().toISOString(),
        },
        token,
      ),
      await call(retire, '/api/admin/prices/retire', {
        token,
        body: { provider: 'openai', model: 'gpt-4o-mini', retireAt: new Date().toISOString() },
      }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('system_prompt');
    }
    expect(await snapshot()).toEqual(before);
  });
});
