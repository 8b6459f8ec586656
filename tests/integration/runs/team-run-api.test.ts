/**
 * POST /api/agents/team-run refuses what it must before writing anything: employees the caller has
 * not hired (or someone else has) are 404, a paused hire 403, bad bodies 400 with field paths, a
 * budget the balance cannot hold 402; and the budget defaults to the user's setting, capped by plan.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readError } from '../http/helpers';
import { available, jsonRequest, netlifyContext, newCaller, testDb, type Caller } from '../llm/harness';
import agentsTeamRun from '../../../netlify/functions/agents-team-run.mjs';
import { hiredMember, holdOf, runOf, startRun } from './harness';

afterAll(async () => {
  await testDb().end();
});

/** Everything a start could have written for the caller. */
async function footprint(caller: Caller) {
  const { rows } = await testDb().query<{ runs: number; conversations: number; reservations: number }>(
    `select (select count(*)::int from public.runs where user_id = $1) as runs,
            (select count(*)::int from public.multi_agent_conversations where user_id = $1) as conversations,
            (select count(*)::int from public.credit_reservations where user_id = $1) as reservations`,
    [caller.id],
  );
  return { ...rows[0], available: await available(caller.id) };
}

describe('POST /api/agents/team-run', () => {
  it('is 404 for an employee not hired or hired by someone else, 403 for a paused hire; nothing written', async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const other = await newCaller({ allowance: 5_000_000 });
    const mine = await hiredMember(caller);
    const theirs = await hiredMember(other);
    const paused = await hiredMember(caller, { active: false });
    const before = await footprint(caller);

    for (const ids of [[mine.id, theirs.id], [crypto.randomUUID()]]) {
      const response = await startRun(caller, { task: 'Plan the launch.', employee_ids: ids });
      expect(response.status).toBe(404);
      expect(await readError(response)).toMatchObject({
        code: 'NOT_FOUND',
        message: 'You have not hired this employee.',
      });
    }
    const response = await startRun(caller, { task: 'Plan the launch.', employee_ids: [mine.id, paused.id] });
    expect(response.status).toBe(403);
    expect(await readError(response)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await footprint(caller)).toEqual(before);
  });

  it('answers 400 with the field paths of a bad body, writing nothing', async () => {
    // Pro: the rate limit (checked before the body) allows the dozen requests.
    const caller = await newCaller({ plan: 'pro', allowance: 5_000_000 });
    const a = await hiredMember(caller);
    const b = await hiredMember(caller);
    const before = await footprint(caller);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ employee_ids: [a.id] }, 'task'],
      [{ task: '   ', employee_ids: [a.id] }, 'task'],
      [{ task: 'x'.repeat(20_001), employee_ids: [a.id] }, 'task'],
      [{ task: 'Plan \u0000 it', employee_ids: [a.id] }, 'task'],
      [{ task: 'Go', employee_ids: [] }, 'employee_ids'],
      [{ task: 'Go', employee_ids: Array.from({ length: 6 }, () => crypto.randomUUID()) }, 'employee_ids'],
      [{ task: 'Go', employee_ids: [a.id, a.id] }, 'employee_ids'],
      [{ task: 'Go', employee_ids: ['not-a-uuid'] }, 'employee_ids.0'],
      [{ task: 'Go', employee_ids: [a.id], supervisor_id: b.id }, 'supervisor_id'],
      [{ task: 'Go', employee_ids: [a.id], budget_credits: 0 }, 'budget_credits'],
      [{ task: 'Go', employee_ids: [a.id], budget_credits: 10.5 }, 'budget_credits'],
      [{ task: 'Go', employee_ids: [a.id], title: '' }, 'title'],
      [{ task: 'Go', employee_ids: [a.id], prompt: 'You are root.' }, ''],
    ];
    for (const [body, path] of cases) {
      const response = await startRun(caller, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = await readError(response);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect((error.details as Array<{ path: string }>).map((d) => d.path)).toContain(path);
    }
    const notJson = await agentsTeamRun(
      new Request('http://localhost:8888/api/agents/team-run', {
        method: 'POST',
        headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' },
        body: '{"task":',
      }),
      netlifyContext(),
    );
    expect(notJson.status).toBe(400);
    expect(await footprint(caller)).toEqual(before);
  });

  it('is 401 without a session', async () => {
    const response = await agentsTeamRun(
      jsonRequest('/api/agents/team-run', { task: 'Go', employee_ids: [crypto.randomUUID()] }),
      netlifyContext(),
    );
    expect(response.status).toBe(401);
  });

  it('is 402 when the balance cannot hold the budget, and 400 over the plan cap; nothing written', async () => {
    const caller = await newCaller({ allowance: 1_000 });
    const a = await hiredMember(caller);
    const before = await footprint(caller);
    const poor = await startRun(caller, { task: 'Go', employee_ids: [a.id], budget_credits: 5_000 });
    expect(poor.status).toBe(402);
    expect(await readError(poor)).toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    const greedy = await startRun(caller, { task: 'Go', employee_ids: [a.id], budget_credits: 600_000 });
    expect(greedy.status).toBe(400);
    expect(await readError(greedy)).toMatchObject({
      message: 'Your plan allows a budget of at most 500000 credits per run.',
      details: [{ path: 'budget_credits' }],
    });
    expect(await footprint(caller)).toEqual(before);
  });

  it("takes the budget from the user's default, capped by the plan, and holds it", async () => {
    const caller = await newCaller({ allowance: 5_000_000 });
    const a = await hiredMember(caller);
    await testDb().query(
      'update public.user_settings set default_run_budget_credits = 12345 where user_id = $1',
      [caller.id],
    );
    const response = await startRun(caller, { task: 'Go', employee_ids: [a.id], title: 'My run' });
    expect(response.status).toBe(202);
    const { run } = (await response.json()) as { run: { id: string; budget_credits: number } };
    expect(run.budget_credits).toBe(12_345);
    expect(await holdOf(run.id)).toEqual({ status: 'active', amount: 12_345 });
    expect(await runOf(run.id)).toMatchObject({ status: 'running', budget_credits: 12_345 });
    const { rows } = await testDb().query(
      'select title, task, supervisor_employee_id from public.multi_agent_conversations where id = $1',
      [run.id],
    );
    expect(rows).toEqual([{ title: 'My run', task: 'Go', supervisor_employee_id: a.id }]);

    await testDb().query(
      'update public.user_settings set default_run_budget_credits = 900000000 where user_id = $1',
      [caller.id],
    );
    const capped = await startRun(caller, { task: 'Go', employee_ids: [a.id] });
    expect(((await capped.json()) as { run: { budget_credits: number } }).run.budget_credits).toBe(500_000);
  });
});
