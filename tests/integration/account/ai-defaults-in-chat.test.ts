/**
 * The AI defaults of /settings reaching chats (chat-model.ts): POST /api/agents/execute with the
 * real gateway and the LLM stand-in, whose request log shows the model and temperature the
 * provider received.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execute, hire, messages, newEmployee, type SessionEvent } from '../agents/harness';
import { newCaller, parseEvents, testDb, uniqueTag } from '../llm/harness';

afterAll(() => testDb().end());

/** Model and temperature of the calls whose prompt contained `tag`, in order. */
async function providerReceived(tag: string) {
  const base = new URL(process.env.OPENAI_BASE_URL ?? '').origin;
  const response = await fetch(`${base}/__stand-in/calls?contains=${encodeURIComponent(tag)}`);
  return ((await response.json()) as { calls: Array<{ model: string; temperature: number | null }> }).calls;
}

async function setDefaults(userId: string, provider: string, model: string, temperature: number) {
  await testDb().query(
    'update public.user_settings set default_provider = $2, default_model = $3, temperature = $4 where user_id = $1',
    [userId, provider, model, temperature],
  );
}

async function ask(caller: Awaited<ReturnType<typeof newCaller>>, body: Record<string, unknown>) {
  const response = await execute(caller, body);
  expect(response.status).toBe(200);
  const events = parseEvents(await response.text());
  expect(events.at(-1)?.event).toBe('done');
  return events[0]?.data as SessionEvent;
}

describe('AI defaults in chats', () => {
  it('a new chat uses the default model and temperature; the chat keeps its model when the defaults change', async () => {
    const caller = await newCaller();
    const employee = await newEmployee(); // pinned to openai/gpt-4o-mini
    await hire(caller, employee);
    await setDefaults(caller.id, 'openai', 'gpt-4o', 0.3);
    const tag = uniqueTag();

    const session = await ask(caller, { employee_id: employee.id, message: `First ${tag}` });
    await setDefaults(caller.id, 'anthropic', 'claude-haiku-4-5', 1.6);
    await ask(caller, { employee_id: employee.id, session_id: session.session_id, message: `Second ${tag}` });
    const fresh = await ask(caller, { employee_id: employee.id, message: `Third ${tag}` });

    expect(await providerReceived(tag)).toEqual([
      { model: 'gpt-4o', temperature: 0.3 },
      // The same chat keeps its model; the temperature is the setting of the moment.
      { model: 'gpt-4o', temperature: 1.6 },
      // A new chat takes the new default; Anthropic's temperature tops out at 1.
      { model: 'claude-haiku-4-5', temperature: 1 },
    ]);
    const answers = [...(await messages(session.session_id)), ...(await messages(fresh.session_id))]
      .filter((message) => message.role === 'assistant')
      .map((message) => message.model);
    expect(answers).toEqual(['gpt-4o', 'gpt-4o', 'claude-haiku-4-5']);
    const { rows } = await testDb().query(
      `select provider, model from public.token_usage where user_id = $1 order by created_at`,
      [caller.id],
    );
    expect(rows).toEqual([
      { provider: 'openai', model: 'gpt-4o' },
      { provider: 'openai', model: 'gpt-4o' },
      { provider: 'anthropic', model: 'claude-haiku-4-5' },
    ]);
  });

  it('a chat on a model that takes only its default temperature sends none, and is answered', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    // Claude 5.x answers a non-default temperature with a 400 (the stand-in does as Anthropic does).
    await setDefaults(caller.id, 'anthropic', 'claude-sonnet-5-5', 0.3);
    const tag = uniqueTag();
    const session = await ask(caller, { employee_id: employee.id, message: `Question ${tag}` });
    expect(await providerReceived(tag)).toEqual([{ model: 'claude-sonnet-5-5', temperature: null }]);
    const answers = (await messages(session.session_id)).filter((message) => message.role === 'assistant');
    expect(answers.map((message) => message.model)).toEqual(['claude-sonnet-5-5']);
  });

  it('a new account has no default model: each employee answers on its own (ADR 0082)', async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await testDb().query(
      `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model)
       values ($1, 2, 'You answer on GPT-4o.', 'openai', 'gpt-4o')`,
      [employee.id],
    );
    await hire(caller, employee);
    const { rows } = await testDb().query(
      'select default_provider, default_model from public.user_settings where user_id = $1',
      [caller.id],
    );
    expect(rows).toEqual([{ default_provider: null, default_model: null }]);
    const tag = uniqueTag();
    await ask(caller, { employee_id: employee.id, message: `Question ${tag}` });
    expect(await providerReceived(tag)).toEqual([{ model: 'gpt-4o', temperature: 0.7 }]);
  });

  it("falls back to the employee's model when the default has no current price any more", async () => {
    const caller = await newCaller();
    const employee = await newEmployee();
    await hire(caller, employee);
    const model = `test-retired-${crypto.randomUUID().slice(0, 8)}`;
    const db = testDb();
    await db.query(
      `insert into public.model_pricing (provider, model, input_rate, output_rate, cached_input_rate, effective_from)
       values ('openai', $1, 1000000, 1000000, 0, now() - interval '1 day')`,
      [model],
    );
    await setDefaults(caller.id, 'openai', model, 0.5);
    // Retired after the user chose it (the settings trigger only checks at write time).
    await db.query(`update public.model_pricing set effective_to = now() where model = $1`, [model]);
    const tag = uniqueTag();
    await ask(caller, { employee_id: employee.id, message: `Question ${tag}` });
    expect(await providerReceived(tag)).toEqual([{ model: 'gpt-4o-mini', temperature: 0.5 }]);
  });
});
