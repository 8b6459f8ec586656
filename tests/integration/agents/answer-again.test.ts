/**
 * POST /api/agents/execute with `answer_again`: a message whose answer failed is answered again
 * in its session without being stored (or sent to the model) twice, once, and only by its owner.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { answerTokens, countPromptTokens, defaultAnswerTokens } from '../../../dev/stand-ins/llm/tokens';
import { readError } from '../http/helpers';
import { available, newCaller, parseEvents, testDb, usageRows, type Caller } from '../llm/harness';
import { execute, hire, messages, newEmployee, type Employee, type SessionEvent } from './harness';

afterAll(async () => {
  await testDb().end();
});

/** A hired employee of the caller's own; its id and system prompt. */
async function hiredEmployee(caller: Caller): Promise<Employee> {
  const employee = await newEmployee();
  await hire(caller, employee);
  return employee;
}

/** Sends a message whose answer breaks after 3 tokens the first time only. */
async function failedMidAnswer(caller: Caller, employeeId: string, text: string) {
  const message = `${text} [[llm:stream-error=3]] [[llm:once]]`;
  const events = parseEvents(await (await execute(caller, { employee_id: employeeId, message })).text());
  expect(events.at(-1)?.event).toBe('error');
  return { message, session: events[0]?.data as SessionEvent };
}

describe('answering a failed message again', () => {
  it('answers the stored message in its session, without storing or sending it twice', async () => {
    const caller = await newCaller();
    const employee = await hiredEmployee(caller);
    const employeeId = employee.id;
    const { message, session } = await failedMidAnswer(caller, employeeId, 'Draft the plan');

    const response = await execute(caller, {
      employee_id: employeeId,
      session_id: session.session_id,
      answer_again: session.user_message_id,
    });
    expect(response.status).toBe(200);
    const events = parseEvents(await response.text());
    const again = events[0]?.data as SessionEvent;
    expect(again).toMatchObject({ session_id: session.session_id, user_message_id: session.user_message_id });
    expect(again.assistant_message_id).not.toBe(session.assistant_message_id);
    expect(events.at(-1)?.event).toBe('done');
    // The model saw the message once, and not the failed answer.
    const usage = events.find((e) => e.event === 'usage')?.data as { input_tokens: number };
    expect(usage.input_tokens).toBe(countPromptTokens(employee.prompt, [message]));

    expect((await messages(session.session_id)).map((m) => [m.id, m.role, m.status])).toEqual([
      [session.user_message_id, 'user', 'complete'],
      [session.assistant_message_id, 'assistant', 'error'],
      [again.assistant_message_id, 'assistant', 'complete'],
    ]);
    const answered = (await messages(session.session_id)).at(-1)!;
    expect(answered.content).toBe(answerTokens(message, defaultAnswerTokens).join(''));
  });

  it('tells where a message was stored when the provider failed before answering, so it can be answered again', async () => {
    const caller = await newCaller();
    const employee = await hiredEmployee(caller);
    const employeeId = employee.id;
    const refused = await execute(caller, {
      employee_id: employeeId,
      message: 'Before any token [[llm:status=401]] [[llm:once]]',
    });
    expect(refused.status).toBe(502);
    const error = await readError(refused);
    const stored = error.details as { session_id: string; user_message_id: string };
    expect(stored).toEqual({ session_id: expect.any(String), user_message_id: expect.any(String) });

    const again = await execute(caller, {
      employee_id: employeeId,
      session_id: stored.session_id,
      answer_again: stored.user_message_id,
    });
    expect(again.status).toBe(200);
    expect(parseEvents(await again.text()).at(-1)?.event).toBe('done');
    const { rows } = await testDb().query('select id from public.chat_sessions where user_id = $1', [
      caller.id,
    ]);
    expect(rows).toEqual([{ id: stored.session_id }]);
    expect((await messages(stored.session_id)).map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'error'],
      ['assistant', 'complete'],
    ]);
  });

  it('refuses (409) a message that was answered or is no longer the latest, and changes nothing', async () => {
    const caller = await newCaller();
    const employee = await hiredEmployee(caller);
    const employeeId = employee.id;
    const { session } = await failedMidAnswer(caller, employeeId, 'First try');
    const answerAgain = () =>
      execute(caller, {
        employee_id: employeeId,
        session_id: session.session_id,
        answer_again: session.user_message_id,
      });
    const first = await answerAgain();
    expect(first.status).toBe(200);
    await first.text();
    const snapshot = async (sessionId: string) => ({
      credits: await available(caller.id),
      usage: (await usageRows(caller.id)).length,
      messages: await messages(sessionId),
    });

    const before = await snapshot(session.session_id);
    const answered = await answerAgain();
    expect(answered.status).toBe(409);
    expect((await readError(answered)).code).toBe('CONFLICT');
    expect(await snapshot(session.session_id)).toEqual(before);

    // A later message in the session: the failed one cannot be answered again either.
    const { session: second } = await failedMidAnswer(caller, employeeId, 'Second try');
    await (
      await execute(caller, { employee_id: employeeId, session_id: second.session_id, message: 'Moving on' })
    ).text();
    const beforeMoved = await snapshot(second.session_id);
    const moved = await execute(caller, {
      employee_id: employeeId,
      session_id: second.session_id,
      answer_again: second.user_message_id,
    });
    expect(moved.status).toBe(409);
    expect(await snapshot(second.session_id)).toEqual(beforeMoved);
  });

  it('answers one of two simultaneous requests to answer again; the other gets 409', async () => {
    const caller = await newCaller();
    const employee = await hiredEmployee(caller);
    const employeeId = employee.id;
    const { session } = await failedMidAnswer(caller, employeeId, 'Race me');
    const body = {
      employee_id: employeeId,
      session_id: session.session_id,
      answer_again: session.user_message_id,
    };
    const responses = await Promise.all([execute(caller, body), execute(caller, body)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    await Promise.all(responses.map((r) => r.text()));
    const rows = await messages(session.session_id);
    expect(rows.filter((m) => m.role === 'assistant' && m.status !== 'error')).toHaveLength(1);
    const reservations = await testDb().query(
      `select count(*)::int as active from public.credit_reservations where user_id = $1 and status = 'active'`,
      [caller.id],
    );
    expect(reservations.rows).toEqual([{ active: 0 }]);
  });

  it("refuses other users' messages, messages of another session, and answers that are not user messages (404)", async () => {
    const owner = await newCaller();
    const intruder = await newCaller();
    const employeeId = (await hiredEmployee(owner)).id;
    await testDb().query('insert into public.purchased_employees (user_id, employee_id) values ($1, $2)', [
      intruder.id,
      employeeId,
    ]);
    const { session } = await failedMidAnswer(owner, employeeId, 'Private');
    const { session: intruderSession } = await failedMidAnswer(intruder, employeeId, 'Mine');

    const theirs = await execute(intruder, {
      employee_id: employeeId,
      session_id: session.session_id,
      answer_again: session.user_message_id,
    });
    expect(theirs.status).toBe(404);
    const crossSession = await execute(intruder, {
      employee_id: employeeId,
      session_id: intruderSession.session_id,
      answer_again: session.user_message_id,
    });
    expect(crossSession.status).toBe(404);
    const notUser = await execute(owner, {
      employee_id: employeeId,
      session_id: session.session_id,
      answer_again: session.assistant_message_id,
    });
    expect(notUser.status).toBe(404);
    expect(await messages(session.session_id)).toHaveLength(2);
  });

  it('validates the request: a message or answer_again, and answer_again with its session', async () => {
    const caller = await newCaller();
    const employee = await hiredEmployee(caller);
    const employeeId = employee.id;
    const id = crypto.randomUUID();
    const both = await execute(caller, {
      employee_id: employeeId,
      session_id: id,
      message: 'Hi',
      answer_again: id,
    });
    expect(both.status).toBe(400);
    const neither = await execute(caller, { employee_id: employeeId });
    expect(neither.status).toBe(400);
    const noSession = await execute(caller, { employee_id: employeeId, answer_again: id });
    expect(noSession.status).toBe(400);
    expect((await readError(noSession)).details).toEqual([expect.objectContaining({ path: 'session_id' })]);
    expect(await usageRows(caller.id)).toEqual([]);
  });
});
