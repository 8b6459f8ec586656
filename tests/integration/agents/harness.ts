/**
 * What the agents tests share: an employee of their own (so versions can be added freely), hiring
 * it, calling POST /api/agents/execute as a caller, and the stored messages of a session.
 */
import agentsExecute from '../../../netlify/functions/agents-execute.mjs';
import { jsonRequest, netlifyContext, testDb, type Caller } from '../llm/harness';

export interface Employee {
  id: string;
  prompt: string;
}

/** A published employee of our own (v1 on gpt-4o-mini), so versions can be added freely. */
export async function newEmployee(): Promise<Employee> {
  const db = testDb();
  const slug = `test-${crypto.randomUUID()}`;
  const prompt = `You are ${slug}, a precise analyst. Keep answers short.`;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.ai_employees (slug, name, role, category, description, default_provider, default_model, published)
     values ($1, 'Test Analyst', 'Analyst', 'data', 'A test employee.', 'openai', 'gpt-4o-mini', true) returning id`,
    [slug],
  );
  const id = rows[0]!.id;
  await db.query(
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model) values ($1, 1, $2, 'openai', 'gpt-4o-mini')`,
    [id, prompt],
  );
  return { id, prompt };
}

export async function hire(caller: Caller, employee: Employee): Promise<void> {
  await testDb().query('insert into public.purchased_employees (user_id, employee_id) values ($1, $2)', [
    caller.id,
    employee.id,
  ]);
}

export function execute(caller: Caller, body: Record<string, unknown>) {
  return agentsExecute(jsonRequest('/api/agents/execute', body, { token: caller.token }), netlifyContext());
}

export interface SessionEvent {
  session_id: string;
  user_message_id: string;
  assistant_message_id: string;
}

export async function messages(sessionId: string) {
  const { rows } = await testDb().query<{
    id: string;
    role: string;
    content: string;
    status: string;
    model: string | null;
    input_tokens: number | null;
    output_tokens: number | null;
    credits_charged: number | null;
  }>(
    `select id, role, content, status, model, input_tokens::int, output_tokens::int, credits_charged::int
     from public.chat_messages where session_id = $1 order by created_at, id`,
    [sessionId],
  );
  return rows;
}
