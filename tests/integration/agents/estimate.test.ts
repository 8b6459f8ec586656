/**
 * POST /api/agents/estimate and the answer length of POST /api/agents/execute: the estimate is
 * exactly the hold the answer takes, and a shorter answer length lowers the hold so that a
 * message refused at the default length goes through.
 */
import { afterAll, describe, expect, it } from 'vitest';
import agentsEstimate from '../../../netlify/functions/agents-estimate.mjs';
import { readError } from '../http/helpers';
import {
  available,
  jsonRequest,
  netlifyContext,
  newCaller,
  readEvents,
  testDb,
  type Caller,
} from '../llm/harness';
import { execute, hire, newEmployee } from './harness';

afterAll(async () => {
  await testDb().end();
});

const estimate = (caller: Caller, body: Record<string, unknown>) =>
  agentsEstimate(jsonRequest('/api/agents/estimate', body, { token: caller.token }), netlifyContext());

async function holdOf(caller: Caller, body: Record<string, unknown>): Promise<number> {
  const response = await estimate(caller, body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { hold_credits: number }).hold_credits;
}

describe('POST /api/agents/estimate', () => {
  it('is the hold execute takes; a shorter answer length lowers it and gets through', async () => {
    const probe = await newCaller();
    const employee = await newEmployee();
    await hire(probe, employee);
    const message = 'Summarise the quarter. [[llm:tokens=5]]';
    const long = await holdOf(probe, { employee_id: employee.id, message });
    const short = await holdOf(probe, { employee_id: employee.id, message, max_tokens: 256 });
    expect(short).toBeLessThan(long);
    const body = await (await estimate(probe, { employee_id: employee.id, message })).json();
    expect(body).toMatchObject({ max_tokens: 4096, plan_max_tokens: 4096 });

    // A caller with exactly the long hold gets through at the default length; one credit less
    // is refused, and the short length then goes through.
    const exact = await newCaller({ allowance: long });
    await hire(exact, employee);
    expect(await holdOf(exact, { employee_id: employee.id, message })).toBe(long);
    const ok = await execute(exact, { employee_id: employee.id, message });
    expect(ok.status).toBe(200);
    await readEvents(ok);

    const short1 = await newCaller({ allowance: long - 1 });
    await hire(short1, employee);
    const refused = await execute(short1, { employee_id: employee.id, message });
    expect(refused.status).toBe(402);
    expect(await readError(refused)).toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    expect(await available(short1.id)).toBe(long - 1);
    const shorter = await execute(short1, { employee_id: employee.id, message, max_tokens: 256 });
    expect(shorter.status).toBe(200);
    const events = await readEvents(shorter);
    expect(events.map((event) => event.event)).toContain('done');
  });

  it('refuses an answer length over the plan cap (400), employees not hired and sessions not yours (404)', async () => {
    const caller = await newCaller();
    const other = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    await hire(other, employee);
    const over = await execute(caller, { employee_id: employee.id, message: 'Hi', max_tokens: 16_384 });
    expect(over.status).toBe(400);
    expect(await available(caller.id)).toBeGreaterThan(0);

    const notHired = await estimate(caller, { employee_id: (await newEmployee()).id, message: 'Hi' });
    expect(notHired.status).toBe(404);
    const started = await execute(other, { employee_id: employee.id, message: 'Mine [[llm:tokens=2]]' });
    const sessionId = ((await readEvents(started))[0]!.data as unknown as { session_id: string }).session_id;
    const foreign = await estimate(caller, {
      employee_id: employee.id,
      session_id: sessionId,
      message: 'Hi',
    });
    expect(foreign.status).toBe(404);
    const bad = await estimate(caller, { employee_id: employee.id, message: 'Hi', max_tokens: 0 });
    expect(bad.status).toBe(400);
  });
});
