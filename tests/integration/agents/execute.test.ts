/**
 * POST /api/agents/execute: a hired employee answers from its pinned version, server-side, with
 * the session's history; both messages are persisted with the usage and credits of the call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { answerTokens, countPromptTokens, defaultAnswerTokens } from '../../../dev/stand-ins/llm/tokens';
import agentsStop from '../../../netlify/functions/agents-stop.mjs';
import { readError } from '../http/helpers';
import {
  available,
  eventually,
  jsonRequest,
  netlifyContext,
  newCaller,
  parseEvents,
  priceOf,
  testDb,
  usageRows,
  type Caller,
} from '../llm/harness';
import { execute, hire, messages, newEmployee, type SessionEvent } from './harness';

/**
 * The stream's text up to and including `marker`. A stream that ends first fails the test: reading
 * an ended stream resolves at once, so a bare loop would spin in microtasks and hang the worker.
 */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, marker: string): Promise<string> {
  const decoder = new TextDecoder();
  let seen = '';
  while (!seen.includes(marker)) {
    const next = await reader.read();
    if (next.done) throw new Error(`the stream ended before "${marker}": ${seen}`);
    seen += decoder.decode(next.value, { stream: true });
  }
  return seen;
}

afterAll(async () => {
  await testDb().end();
});

describe('POST /api/agents/execute', () => {
  it('starts a session, answers from the pinned prompt and persists both messages with usage and credits', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const before = await available(caller.id);

    const response = await execute(caller, {
      employee_id: employee.id,
      message: 'What should we measure first?',
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(employee.prompt);
    const events = parseEvents(text);
    expect(events[0]?.event).toBe('session');
    const session = events[0]?.data as SessionEvent;

    const answer = answerTokens('What should we measure first?', defaultAnswerTokens).join('');
    // The input tokens prove the pinned system prompt was sent, server-side.
    const usage = {
      input_tokens: countPromptTokens(employee.prompt, ['What should we measure first?']),
      output_tokens: defaultAnswerTokens,
      cached_input_tokens: 0,
    };
    const credits = await priceOf('openai', 'gpt-4o-mini', usage);
    expect(
      events
        .filter((e) => e.event === 'delta')
        .map((e) => (e.data as { text: string }).text)
        .join(''),
    ).toBe(answer);
    expect(events.at(-1)).toEqual({
      event: 'done',
      data: { finish_reason: 'stop', credits_charged: credits, balance: before - credits },
    });

    expect(await messages(session.session_id)).toEqual([
      expect.objectContaining({
        id: session.user_message_id,
        role: 'user',
        content: 'What should we measure first?',
      }),
      expect.objectContaining({
        id: session.assistant_message_id,
        role: 'assistant',
        content: answer,
        status: 'complete',
        model: 'gpt-4o-mini',
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        credits_charged: credits,
      }),
    ]);
    const { rows } = await testDb().query(
      'select employee_id, title from public.chat_sessions where id = $1 and user_id = $2',
      [session.session_id, caller.id],
    );
    expect(rows).toEqual([{ employee_id: employee.id, title: 'What should we measure first?' }]);
    expect(await usageRows(caller.id)).toEqual([
      expect.objectContaining({
        session_id: session.session_id,
        message_id: session.assistant_message_id,
        credits_charged: credits,
      }),
    ]);
  });

  it('continues a session with its history and keeps the hire on its pinned version', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const first = parseEvents(
      await (await execute(caller, { employee_id: employee.id, message: 'First question' })).text(),
    );
    const session = first[0]?.data as SessionEvent;
    const firstAnswer = answerTokens('First question', defaultAnswerTokens).join('');

    // A newer version does not change a hire that has not been upgraded.
    await testDb().query(
      `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model) values ($1, 2, 'A new prompt.', 'openai', 'gpt-4o')`,
      [employee.id],
    );
    const second = parseEvents(
      await (
        await execute(caller, {
          employee_id: employee.id,
          session_id: session.session_id,
          message: 'Follow-up',
        })
      ).text(),
    );
    const usage = second.find((e) => e.event === 'usage')?.data as { input_tokens: number };
    expect(usage.input_tokens).toBe(
      countPromptTokens(employee.prompt, ['First question', firstAnswer, 'Follow-up']),
    );
    expect((await messages(session.session_id)).map((m) => [m.role, m.model])).toEqual([
      ['user', null],
      ['assistant', 'gpt-4o-mini'],
      ['user', null],
      ['assistant', 'gpt-4o-mini'],
    ]);
  });

  it('drops the oldest history first when it exceeds the context budget', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const { rows } = await testDb().query<{ id: string }>(
      'insert into public.chat_sessions (user_id, employee_id) values ($1, $2) returning id',
      [caller.id, employee.id],
    );
    const sessionId = rows[0]!.id;
    // The oldest message asks for a 3-token answer; if it were still in the context, the answer
    // would have 3 tokens instead of the default.
    const history = [
      '[[llm:tokens=3]] oldest',
      ...Array.from({ length: 8 }, (_, i) => `${i} ${'word '.repeat(2_000)}`),
    ];
    for (const [i, content] of history.entries()) {
      await testDb().query(
        `insert into public.chat_messages (session_id, role, content, created_at) values ($1, $2, $3, now() - make_interval(mins => $4))`,
        [sessionId, i % 2 === 0 ? 'user' : 'assistant', content, 100 - i],
      );
    }
    const events = parseEvents(
      await (
        await execute(caller, { employee_id: employee.id, session_id: sessionId, message: 'Newest' })
      ).text(),
    );
    expect(events.filter((e) => e.event === 'delta')).toHaveLength(defaultAnswerTokens);
    const usage = events.find((e) => e.event === 'usage')?.data as { input_tokens: number };
    expect(usage.input_tokens).toBeLessThan(countPromptTokens(employee.prompt, [...history, 'Newest']));
  });

  it('keeps a stopped answer, marked as stopped, with the exact usage of the drained call', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const response = await execute(caller, {
      employee_id: employee.id,
      message: 'Slow one [[llm:rate=40]] [[llm:tokens=20]]',
    });
    const reader = response.body!.getReader();
    const seen = await readUntil(reader, 'event: delta');
    await reader.cancel();
    const session = parseEvents(seen.slice(0, seen.indexOf('\n\n') + 2))[0]?.data as SessionEvent;

    const answer = await eventually(async () => {
      const rows = await messages(session.session_id);
      const assistant = rows.find((m) => m.role === 'assistant');
      // Marked stopped at once; the usage lands when the drained call is metered.
      return assistant?.credits_charged === null ? undefined : assistant;
    });
    const full = answerTokens('Slow one [[llm:rate=40]] [[llm:tokens=20]]', 20).join('');
    expect(answer.status).toBe('stopped');
    expect(full.startsWith(answer.content)).toBe(true);
    expect(answer.content.length).toBeLessThan(full.length);
    expect(answer.output_tokens).toBe(20);
    const [usage] = await usageRows(caller.id);
    expect(usage).toMatchObject({
      status: 'stopped',
      estimated: false,
      credits_charged: answer.credits_charged,
    });
  });

  it('stops on request from the Stop button even while the client keeps the stream open', async () => {
    const caller = await newCaller();
    const other = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const prompt = 'Slow again [[llm:rate=20]] [[llm:tokens=60]]';
    const response = await execute(caller, { employee_id: employee.id, message: prompt });
    const reader = response.body!.getReader();
    let seen = await readUntil(reader, 'event: delta');
    const session = parseEvents(seen.slice(0, seen.indexOf('\n\n') + 2))[0]?.data as SessionEvent;

    const stop = (who: Caller) =>
      agentsStop(
        jsonRequest(
          '/api/agents/stop',
          { assistant_message_id: session.assistant_message_id },
          { token: who.token },
        ),
        netlifyContext(),
      );
    expect((await stop(other)).status).toBe(404);
    expect((await stop(caller)).status).toBe(204);

    // The stream ends well before the 3 s the whole answer takes, without a "done" event.
    const started = Date.now();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      seen += new TextDecoder().decode(next.value);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(seen).not.toContain('event: done');

    const answer = await eventually(async () => {
      const assistant = (await messages(session.session_id)).find((m) => m.role === 'assistant');
      return assistant?.credits_charged === null ? undefined : assistant;
    });
    expect(answer.status).toBe('stopped');
    expect(answerTokens(prompt, 60).join('').startsWith(answer.content)).toBe(true);
    expect(answer.output_tokens).toBe(60);
  });

  it('refuses employees not hired (404), deactivated (403), and sessions that are not yours (404)', async () => {
    const caller = await newCaller();
    const other = await newCaller();
    const employee = await newEmployee();
    const notHired = await execute(caller, { employee_id: employee.id, message: 'Hello' });
    expect(notHired.status).toBe(404);

    await hire(other, employee);
    const theirs = parseEvents(
      await (await execute(other, { employee_id: employee.id, message: 'Mine' })).text(),
    );
    const theirSession = (theirs[0]?.data as SessionEvent).session_id;

    await hire(caller, employee);
    const intrusion = await execute(caller, {
      employee_id: employee.id,
      session_id: theirSession,
      message: 'Hello',
    });
    expect(intrusion.status).toBe(404);
    expect((await readError(intrusion)).code).toBe('NOT_FOUND');

    await testDb().query('update public.purchased_employees set is_active = false where user_id = $1', [
      caller.id,
    ]);
    const deactivated = await execute(caller, { employee_id: employee.id, message: 'Hello' });
    expect(deactivated.status).toBe(403);
    expect(await usageRows(caller.id)).toEqual([]);
  });

  it('refuses a message with a NUL byte with 400 on its field, writing and reserving nothing', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const before = await available(caller.id);
    const response = await execute(caller, { employee_id: employee.id, message: 'Hello \u0000 there' });
    expect(response.status).toBe(400);
    expect((await readError(response)).details).toEqual([
      { path: 'message', message: 'Must not contain NUL characters.' },
    ]);
    const { rows } = await testDb().query('select 1 from public.chat_sessions where user_id = $1', [
      caller.id,
    ]);
    expect(rows).toEqual([]);
    expect(await available(caller.id)).toBe(before);
  });

  it('refuses with 402 and writes nothing when the credits cannot cover the answer', async () => {
    const caller = await newCaller({ allowance: 0 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const response = await execute(caller, { employee_id: employee.id, message: 'Hello' });
    expect(response.status).toBe(402);
    const { rows } = await testDb().query('select 1 from public.chat_sessions where user_id = $1', [
      caller.id,
    ]);
    expect(rows).toEqual([]);
  });
});
