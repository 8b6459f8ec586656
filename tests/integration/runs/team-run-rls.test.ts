/**
 * The team-run start reads and writes the caller's rows as the caller, under RLS (issue 19): the
 * user's default budget, the conversation and its team. Each probe adds a restrictive policy that
 * hides or refuses one table's rows for one user only (so no other test notices); the function
 * must obey it — nothing held, nothing written. Only the run and its hold are service actions.
 * And the insert policies the start relies on give a user nothing more than the start does.
 */
import { afterAll, expect, it } from 'vitest';
import { asUser } from '../../../netlify/lib/db-as-user';
import { readError } from '../http/helpers';
import { available, newCaller, testDb, type Caller } from '../llm/harness';
import { hiredMember, startRun } from './harness';
import { withProbePolicy } from '../rls/support/probe-policy';

afterAll(async () => {
  await testDb().end();
});

async function footprint(caller: Caller) {
  const { rows } = await testDb().query<{ runs: number; reservations: number }>(
    `select (select count(*)::int from public.runs where user_id = $1) as runs,
            (select count(*)::int from public.credit_reservations where user_id = $1) as reservations`,
    [caller.id],
  );
  return { ...rows[0], available: await available(caller.id) };
}

const asCaller = (caller: Caller) => ({ id: caller.id, claims: { sub: caller.id } });

it("reads the default budget as the caller: a setting RLS hides is not the run's budget", async () => {
  const caller = await newCaller({ allowance: 5_000_000 });
  const member = await hiredMember(caller);
  await testDb().query(
    'update public.user_settings set default_run_budget_credits = 12345 where user_id = $1',
    [caller.id],
  );
  const response = await withProbePolicy(
    testDb(),
    'user_settings',
    'select',
    `user_id = '${caller.id}'`,
    () => startRun(caller, { task: 'Go', employee_ids: [member.id] }),
  );
  expect(response.status).toBe(202);
  // The caller cannot read their setting here, so the product's default applies.
  expect(((await response.json()) as { run: { budget_credits: number } }).run.budget_credits).toBe(200_000);
});

for (const [table, ownRows] of [
  ['multi_agent_conversations', (caller: Caller) => `user_id = '${caller.id}'`],
  [
    'conversation_participants',
    (caller: Caller) =>
      `exists (select 1 from public.multi_agent_conversations c where c.id = conversation_id and c.user_id = '${caller.id}')`,
  ],
] as const) {
  it(`writes ${table} as the caller: a row RLS refuses is a 403, no run, nothing held`, async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const member = await hiredMember(caller);
    const before = await footprint(caller);
    const response = await withProbePolicy(testDb(), table, 'insert', ownRows(caller), () =>
      startRun(caller, { task: 'Go', employee_ids: [member.id], budget_credits: 10_000 }),
    );
    expect(response.status).toBe(403);
    expect((await readError(response)).code).toBe('FORBIDDEN');
    expect(await footprint(caller)).toEqual(before);
  });
}

it('lets a user add no one to a started run, and record no conversation for a run not theirs', async () => {
  const caller = await newCaller({ allowance: 5_000_000 });
  const other = await newCaller({ allowance: 5_000_000 });
  const member = await hiredMember(caller);
  const extra = await hiredMember(caller);
  const theirs = await hiredMember(other);
  const started = await startRun(caller, { task: 'Go', employee_ids: [member.id], budget_credits: 10_000 });
  const mine = ((await started.json()) as { run: { id: string } }).run.id;
  const otherStart = await startRun(other, { task: 'Go', employee_ids: [theirs.id], budget_credits: 10_000 });
  const otherRun = ((await otherStart.json()) as { run: { id: string } }).run.id;

  const attempt = (sql: string, values: unknown[]) =>
    asUser(testDb(), asCaller(caller), (client) => client.query(sql, values)).then(
      () => 'written',
      (error: { code?: string }) => error.code,
    );
  // A hire of their own, into their own started run: the team is fixed once the run started.
  expect(
    await attempt(
      'insert into public.conversation_participants (conversation_id, employee_id, position) values ($1, $2, 1)',
      [mine, extra.id],
    ),
  ).toBe('42501');
  // Someone else's run (its conversation exists; a second one for it is refused before the key).
  expect(
    await attempt(
      `insert into public.multi_agent_conversations (id, user_id, title, task) values ($1, $2, 'Mine now', 'x')`,
      [otherRun, caller.id],
    ),
  ).toBe('42501');
  const { rows } = await testDb().query<{ n: number }>(
    'select count(*)::int as n from public.conversation_participants where conversation_id = $1',
    [mine],
  );
  expect(rows[0]?.n).toBe(1);
});
