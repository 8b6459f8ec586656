/**
 * The workforce page's data layer against the real local Supabase API: hires with their pinned
 * version, the changelog of newer versions, upgrade, pause/resume and removal, all under RLS.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { hireEmployee } from '@/features/marketplace/api/hire-employee';
import { getWorkforce } from '@/features/workforce/api/get-workforce';
import { removeHire, setHireActive, upgradeHire } from '@/features/workforce/api/update-hire';
import { supabase } from '@/lib/supabase';

// Node 20 has no WebSocket and supabase-js builds its Realtime client when the SPA's client module
// loads; these tests never open a channel, so a constructor that fails loudly is enough.
vi.hoisted(() => {
  globalThis.WebSocket ??= class {
    constructor() {
      throw new Error('Realtime is not used in these tests.');
    }
  } as unknown as typeof WebSocket;
});

// An employee of this test's own, so that publishing a new version affects no other test.
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
const suffix = randomUUID().slice(0, 8);
const slug = `workforce-test-${suffix}`;
let employeeId: string;

async function publishVersion(version: number, changelog: string) {
  await db.query(
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model, changelog)
     values ($1, $2, 'You are a careful test assistant.', 'openai', $3, $4)`,
    [employeeId, version, version === 1 ? 'gpt-4.1-mini' : 'gpt-4.1', changelog],
  );
}

beforeAll(async () => {
  await db.connect();
  const { rows } = await db.query<{ id: string }>(
    `insert into public.ai_employees (slug, name, role, category, description, skills, default_provider, default_model, published)
     values ($1, 'Quinn', 'Test Analyst', 'operations', 'Exists only for the workforce tests.', array['Testing'], 'openai', 'gpt-4.1-mini', true)
     returning id`,
    [slug],
  );
  employeeId = rows[0]!.id;
  await publishVersion(1, 'First release.');

  const { error } = await supabase.auth.signUp({
    email: `workforce-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
  });
  if (error) throw error;
});

afterAll(async () => {
  await db.query('delete from public.purchased_employees where employee_id = $1', [employeeId]);
  await db.query('delete from public.ai_employees where id = $1', [employeeId]);
  await db.end();
});

it('walks a hire through its life: pinned, upgrade offered with changelog, upgraded, paused, removed', async () => {
  expect(await getWorkforce()).toEqual([]);

  const hire = await hireEmployee(employeeId);
  let [hired] = await getWorkforce();
  expect(hired).toMatchObject({
    hireId: hire.id,
    isActive: true,
    employee: { id: employeeId, slug, name: 'Quinn', role: 'Test Analyst' },
    pinned: { version: 1, model: 'gpt-4.1-mini' },
    newerVersions: [],
  });

  await publishVersion(2, 'Cites sources.');
  await publishVersion(3, 'Shorter answers.');
  [hired] = await getWorkforce();
  expect(hired?.pinned?.version).toBe(1);
  expect(hired?.newerVersions.map((version) => [version.version, version.changelog])).toEqual([
    [2, 'Cites sources.'],
    [3, 'Shorter answers.'],
  ]);
  expect(JSON.stringify(hired)).not.toMatch(/careful test assistant/);

  await upgradeHire(hire.id);
  [hired] = await getWorkforce();
  expect(hired).toMatchObject({ pinned: { version: 3, model: 'gpt-4.1' }, newerVersions: [] });

  await setHireActive(hire.id, false);
  [hired] = await getWorkforce();
  expect(hired?.isActive).toBe(false);
  await setHireActive(hire.id, true);

  await removeHire(hire.id);
  expect(await getWorkforce()).toEqual([]);
});

it('cannot touch another user’s hire', async () => {
  const { rows } = await db.query<{ id: string }>(
    `insert into auth.users (id, email, aud, role, email_confirmed_at) values (gen_random_uuid(), $1, 'authenticated', 'authenticated', now()) returning id`,
    [`other-${randomUUID()}@example.com`],
  );
  const otherUserId = rows[0]!.id;
  const { rows: hires } = await db.query<{ id: string }>(
    'insert into public.purchased_employees (user_id, employee_id) values ($1, $2) returning id',
    [otherUserId, employeeId],
  );
  const otherHireId = hires[0]!.id;

  await setHireActive(otherHireId, false);
  await removeHire(otherHireId);
  const { rows: after } = await db.query('select is_active from public.purchased_employees where id = $1', [
    otherHireId,
  ]);
  expect(after).toEqual([{ is_active: true }]);
  await db.query('delete from auth.users where id = $1', [otherUserId]);
});
