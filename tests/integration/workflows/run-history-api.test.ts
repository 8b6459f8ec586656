/**
 * The run history's data layer (getWorkflowRuns) against the real local Supabase API, signed in as
 * the owner: status, trigger, version and day filters are applied by the database under RLS, and
 * another user's workflow yields nothing even when named.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { getWorkflowRuns, noRunFilters } from '@/features/workflows/api/get-workflow-runs';
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

const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
let workflowId: string;
let othersWorkflowId: string;
const runIds: Record<string, string> = {};

/** A workflow of `userId` with versions 1 and 2. */
async function workflowOf(userId: string) {
  const { rows } = await db.query<{ id: string }>(
    `insert into public.automation_workflows (user_id, name) values ($1, 'History test') returning id`,
    [userId],
  );
  const id = rows[0]!.id;
  for (let version = 1; version <= 2; version++)
    await db.query(
      `insert into public.automation_workflow_versions (workflow_id, user_id, definition)
       values ($1, $2, '{"inputs": [], "steps": [{"key": "a"}]}')`,
      [id, userId],
    );
  return id;
}

/** A finished run of the workflow (an unstarted one is the cheapest real run row). */
async function runOf(
  userId: string,
  workflow: string,
  name: string,
  trigger: string,
  version: number,
  at: string,
) {
  const id = randomUUID();
  await db.query(`select run_engine.record_unstarted_run($1, $2, 'workflow', 'History test', 100, 'x')`, [
    id,
    userId,
  ]);
  const { rows } = await db.query<{ id: string }>(
    'select id from public.automation_workflow_versions where workflow_id = $1 and version = $2',
    [workflow, version],
  );
  await db.query(
    `insert into public.workflow_runs (id, user_id, workflow_id, version_id, version, trigger, status, replay_from, schedule_slot, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      userId,
      workflow,
      rows[0]!.id,
      version,
      trigger,
      name === 'done' ? 'completed' : 'failed',
      trigger === 'replay' ? 'a' : null,
      trigger === 'schedule' ? at : null,
      at,
    ],
  );
  runIds[name] = id;
}

beforeAll(async () => {
  await db.connect();
  const { data, error } = await supabase.auth.signUp({
    email: `history-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
  });
  if (error) throw error;
  const me = data.user!.id;
  const { rows } = await db.query<{ id: string }>(
    `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', $1, now(), '{}', '{}', now(), now())
     returning id`,
    [`history-other-${randomUUID()}@example.com`],
  );
  const other = rows[0]!.id;
  workflowId = await workflowOf(me);
  othersWorkflowId = await workflowOf(other);
  await runOf(me, workflowId, 'done', 'manual', 1, '2026-11-02T10:00:00Z');
  await runOf(me, workflowId, 'hooked', 'webhook', 2, '2026-11-10T10:00:00Z');
  await runOf(me, workflowId, 'scheduled', 'schedule', 2, '2026-11-20T10:00:00Z');
  await runOf(other, othersWorkflowId, 'theirs', 'manual', 1, '2026-11-10T10:00:00Z');
});

afterAll(async () => {
  await db.query('delete from public.runs where id = any($1::uuid[])', [Object.values(runIds)]);
  await db.query('delete from public.automation_workflows where id = any($1::uuid[])', [
    [workflowId, othersWorkflowId],
  ]);
  await db.end();
});

const ids = async (filters: Partial<typeof noRunFilters>, workflow = workflowId) =>
  (await getWorkflowRuns(workflow, { ...noRunFilters, ...filters })).map((run) => run.id);

it('filters by status, trigger, version and day range, newest first', async () => {
  expect(await ids({})).toEqual([runIds.scheduled, runIds.hooked, runIds.done]);
  expect(await ids({ status: 'completed' })).toEqual([runIds.done]);
  expect(await ids({ trigger: 'webhook' })).toEqual([runIds.hooked]);
  expect(await ids({ trigger: 'schedule', status: 'failed' })).toEqual([runIds.scheduled]);
  expect(await ids({ version: 2 })).toEqual([runIds.scheduled, runIds.hooked]);
  // Whole days: `to` includes its day.
  expect(await ids({ from: '2026-11-05', to: '2026-11-20' })).toEqual([runIds.scheduled, runIds.hooked]);
  expect(await ids({ to: '2026-11-09' })).toEqual([runIds.done]);
  expect(await ids({ from: '2026-11-21' })).toEqual([]);
});

it("returns nothing of another user's workflow, whatever the filters", async () => {
  expect(await ids({}, othersWorkflowId)).toEqual([]);
  expect(await ids({ trigger: 'manual', version: 1 }, othersWorkflowId)).toEqual([]);
});
