/**
 * On the functions' path the database's policies decide, not SQL strings in TypeScript (issue 19):
 * the agents function reads the caller's hire, session and history and writes their prompt as the
 * caller, under RLS. Each probe adds a restrictive policy that hides or refuses one table's rows
 * for one user only (so no other test notices), and the function must obey it — as the SPA would —
 * with nothing charged or written. Before, the service-level pool bypassed every policy.
 */
import { afterAll, expect, it } from 'vitest';
import agentsStop from '../../../netlify/functions/agents-stop.mjs';
import { readError } from '../http/helpers';
import {
  available,
  jsonRequest,
  netlifyContext,
  newCaller,
  parseEvents,
  testDb,
  usageRows,
} from '../llm/harness';
import { execute, hire, messages, newEmployee, type SessionEvent } from './harness';
import { withProbePolicy } from '../rls/support/probe-policy';

afterAll(async () => {
  await testDb().end();
});

it('reads the hire as the caller: a hire RLS hides is not found, nothing charged', async () => {
  const caller = await newCaller();
  const employee = await newEmployee();
  await hire(caller, employee);
  const before = await available(caller.id);
  const response = await withProbePolicy(
    testDb(),
    'purchased_employees',
    'select',
    `user_id = '${caller.id}'`,
    () => execute(caller, { employee_id: employee.id, message: 'Hello' }),
  );
  expect(response.status).toBe(404);
  expect((await readError(response)).message).toBe('You have not hired this employee.');
  expect(await available(caller.id)).toBe(before);
  expect(await usageRows(caller.id)).toEqual([]);
});

it('reads the session as the caller: a session RLS hides is not found, nothing charged', async () => {
  const caller = await newCaller();
  const employee = await newEmployee();
  await hire(caller, employee);
  const first = parseEvents(
    await (await execute(caller, { employee_id: employee.id, message: 'Hi' })).text(),
  );
  const session = first[0]?.data as SessionEvent;
  const before = await available(caller.id);
  const response = await withProbePolicy(
    testDb(),
    'chat_sessions',
    'select',
    `user_id = '${caller.id}'`,
    () => execute(caller, { employee_id: employee.id, session_id: session.session_id, message: 'Again' }),
  );
  expect(response.status).toBe(404);
  expect(await available(caller.id)).toBe(before);
  expect(await messages(session.session_id)).toHaveLength(2);
});

it('writes the prompt as the caller: a prompt RLS refuses is a 403, nothing stored or charged', async () => {
  const caller = await newCaller();
  const employee = await newEmployee();
  await hire(caller, employee);
  const before = await available(caller.id);
  const response = await withProbePolicy(
    testDb(),
    'chat_sessions',
    'insert',
    `user_id = '${caller.id}'`,
    () => execute(caller, { employee_id: employee.id, message: 'Refused' }),
  );
  expect(response.status).toBe(403);
  expect(await available(caller.id)).toBe(before);
  const { rows } = await testDb().query('select 1 from public.chat_sessions where user_id = $1', [caller.id]);
  expect(rows).toEqual([]);
  const holds = await testDb().query<{ status: string }>(
    'select status from public.credit_reservations where user_id = $1',
    [caller.id],
  );
  expect(holds.rows.map((r) => r.status)).toEqual(['released']);
});

it('looks up the answer to stop as the caller: another user’s answer is not found', async () => {
  const owner = await newCaller();
  const other = await newCaller();
  const employee = await newEmployee();
  await hire(owner, employee);
  const events = parseEvents(
    await (await execute(owner, { employee_id: employee.id, message: 'Long [[llm:tokens=8]]' })).text(),
  );
  const session = events[0]?.data as SessionEvent;
  const stop = (caller: typeof owner) =>
    agentsStop(
      jsonRequest(
        '/api/agents/stop',
        { assistant_message_id: session.assistant_message_id },
        { token: caller.token },
      ),
      netlifyContext(),
    );
  expect((await stop(other)).status).toBe(404);
  // And the owner, once RLS hides the session from them, is refused alike.
  const hidden = await withProbePolicy(testDb(), 'chat_sessions', 'select', `user_id = '${owner.id}'`, () =>
    stop(owner),
  );
  expect(hidden.status).toBe(404);
  expect((await stop(owner)).status).toBe(204);
});
