// Deleting an auth user removes everything they own, except the accounting and audit records,
// which stay with the user anonymised (user id set null, amounts kept).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billing } from './support/billing';
import { createPool, createUser, type TestUser } from './support/database';

const pool = createPool(4);
const money = billing(pool);
afterAll(() => pool.end());

let user: TestUser;
let employeeId: string;

/** Gives the user a row in every table a user can own. */
async function populate(userId: string) {
  const q = (sql: string, params: unknown[] = []) => pool.query(sql, params);
  await q(
    `insert into public.ai_employees (id, slug, name, role, category, description, default_provider, default_model, published)
     values ($1, $2, 'Deletion Test', 'Tester', 'engineering', 'x', 'openai', 'gpt-4o-mini', true)`,
    [employeeId, `deletion-${employeeId.slice(0, 8)}`],
  );
  await q(
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model) values ($1, 1, 'p', 'openai', 'gpt-4o-mini')`,
    [employeeId],
  );
  await q('insert into public.purchased_employees (user_id, employee_id) values ($1, $2)', [
    userId,
    employeeId,
  ]);
  await q('insert into public.employee_reviews (user_id, employee_id, rating) values ($1, $2, 4)', [
    userId,
    employeeId,
  ]);
  const session = randomUUID();
  await q('insert into public.chat_sessions (id, user_id, employee_id) values ($1, $2, $3)', [
    session,
    userId,
    employeeId,
  ]);
  const message = randomUUID();
  await q(`insert into public.chat_messages (id, session_id, role, content) values ($1, $2, 'user', 'hi')`, [
    message,
    session,
  ]);
  await q(
    `insert into public.token_usage (user_id, request_id, provider, model, status, session_id, message_id, credits_charged)
     values ($1, $2, 'openai', 'gpt-4o-mini', 'ok', $3, $4, 10)`,
    [userId, `usage-${randomUUID()}`, session, message],
  );
  await q(
    `insert into public.usage_alerts (user_id, period_start, threshold_percent, kind, used_credits, allowance_credits)
     values ($1, date_trunc('month', now()), 80, 'warning', 800000, 1000000)`,
    [userId],
  );
  const run = randomUUID();
  await q(
    `insert into public.runs (id, user_id, kind, title, budget_credits) values ($1, $2, 'team_run', 'plan a launch', 1000)`,
    [run, userId],
  );
  await q(
    `insert into public.multi_agent_conversations (id, user_id, task) values ($1, $2, 'plan a launch')`,
    [run, userId],
  );
  const participant = randomUUID();
  await q(
    'insert into public.conversation_participants (id, conversation_id, employee_id) values ($1, $2, $3)',
    [participant, run, employeeId],
  );
  await q(
    `insert into public.run_steps (run_id, key, kind, position, input, provider, model, reserve_input_tokens, max_output_tokens)
     values ($1, 'contribution-1', 'contribution', 0, jsonb_build_object('participant_id', $2::uuid), 'openai', 'gpt-4o-mini', 10, 10)`,
    [run, participant],
  );
  await q(`insert into public.run_events (run_id, seq, type) values ($1, 1, 'run_started')`, [run]);
  const workflow = randomUUID();
  await q(`insert into public.automation_workflows (id, user_id, name) values ($1, $2, 'weekly')`, [
    workflow,
    userId,
  ]);
  const task = randomUUID();
  await q(
    `insert into public.scheduled_tasks (id, user_id, workflow_id, name, cron) values ($1, $2, $3, 'mondays', '0 9 * * 1')`,
    [task, userId, workflow],
  );
  const version = randomUUID();
  await q(
    `insert into public.automation_workflow_versions (id, workflow_id, user_id, definition) values ($1, $2, $3, '{"steps": [{"key": "a"}]}')`,
    [version, workflow, userId],
  );
  const workflowRun = randomUUID();
  await q(
    `insert into public.runs (id, user_id, kind, title, budget_credits) values ($1, $2, 'workflow', 'weekly', 1000)`,
    [workflowRun, userId],
  );
  await q(
    `insert into public.workflow_runs (id, workflow_id, version_id, version, user_id, trigger, scheduled_task_id, schedule_slot) values ($1, $2, $3, 1, $4, 'schedule', $5, now())`,
    [workflowRun, workflow, version, userId, task],
  );
  await q(
    `insert into public.run_steps (run_id, key, kind, position, input, provider, model, reserve_input_tokens, max_output_tokens)
     values ($1, 'a', 'workflow_step', 0, jsonb_build_object('employee_id', $2::uuid), 'openai', 'gpt-4o-mini', 10, 10)`,
    [workflowRun, employeeId],
  );
  const ticket = randomUUID();
  await q(`insert into public.support_tickets (id, user_id, subject) values ($1, $2, 'help')`, [
    ticket,
    userId,
  ]);
  await q(
    `insert into public.support_ticket_messages (ticket_id, author_id, body) values ($1, $2, 'please')`,
    [ticket, userId],
  );
  await q(`insert into public.notifications (user_id, kind, title) values ($1, 'system', 'hello')`, [userId]);
  await q(
    `insert into public.email_outbox (user_id, to_email, template) values ($1, 'x@test.local', 'welcome')`,
    [userId],
  );
  await q(`insert into public.data_requests (user_id, kind, status) values ($1, 'deletion', 'processing')`, [
    userId,
  ]);
  await q(
    `insert into public.audit_logs (actor_id, action, target_type) values ($1, 'account.delete', 'user')`,
    [userId],
  );
  await q(`insert into public.stripe_customers (user_id, customer_id) values ($1, $2)`, [
    userId,
    `cus_${randomUUID()}`,
  ]);
  await q(
    `insert into public.subscriptions (user_id, stripe_subscription_id, stripe_customer_id, plan_id, interval, status, stripe_created_at, stripe_event_created_at)
     values ($1, $2, 'cus_x', 'free', 'month', 'canceled', now(), now())`,
    [userId, `sub_${randomUUID()}`],
  );
  await money.addPurchased(userId, 5_000_000, `purchase-${randomUUID()}`);
  const request = `req-${randomUUID()}`;
  await money.reserve(userId, 300_000, request);
  await money.settle(request, 250_000);
  await money.reserve(userId, 100_000, `req-${randomUUID()}`);
}

/** Every (table, uuid column) of public holding the id, with its row count. */
async function referencesTo(id: string): Promise<Record<string, number>> {
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns c
     join pg_class k on k.relname = c.table_name and k.relkind = 'r'
     join pg_namespace n on n.oid = k.relnamespace and n.nspname = 'public'
     where c.table_schema = 'public' and c.data_type = 'uuid'`,
  );
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from public.${table_name} where ${column_name} = $1`,
      [id],
    );
    if ((rows[0]?.n ?? 0) > 0) found[`${table_name}.${column_name}`] = rows[0]?.n ?? 0;
  }
  return found;
}

describe('deleting an auth user', () => {
  let ledgerBefore: Array<{ id: string; amount: string }>;

  beforeAll(async () => {
    user = await createUser(pool, 'leaver');
    employeeId = randomUUID();
    await populate(user.id);
    ledgerBefore = (
      await pool.query('select id, amount from public.credit_ledger where user_id = $1 order by id', [
        user.id,
      ])
    ).rows;
    expect(Object.keys(await referencesTo(user.id)).length).toBeGreaterThanOrEqual(20);
    await pool.query('delete from auth.users where id = $1', [user.id]);
  });

  it('leaves no row anywhere in public that names the user', async () => {
    expect(await referencesTo(user.id)).toEqual({});
  });

  it('keeps the ledger rows, anonymised (no user id left, not even in a key), with their amounts', async () => {
    const { rows } = await pool.query(
      `select id, amount, user_id, strpos(idempotency_key, $2) > 0 as key_names_user
         from public.credit_ledger where id = any($1::uuid[]) order by id`,
      [ledgerBefore.map((row) => row.id), user.id],
    );
    expect(rows).toEqual(ledgerBefore.map((row) => ({ ...row, user_id: null, key_names_user: false })));
    expect(ledgerBefore.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the audit entry and the deletion request, anonymised', async () => {
    const audit = await pool.query(
      `select count(*)::int as n from public.audit_logs where actor_id is null and action = 'account.delete' and target_type = 'user'`,
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
    const requests = await pool.query(
      `select count(*)::int as n from public.data_requests where user_id is null and kind = 'deletion' and status = 'processing'`,
    );
    expect(requests.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('updates the employee analytics (the hire is gone, the review no longer counts; a prompt was never an answered exchange)', async () => {
    const { rows } = await pool.query(
      'select hire_count, active_users, review_count, total_messages::int from public.employee_analytics where employee_id = $1',
      [employeeId],
    );
    expect(rows[0]).toEqual({ hire_count: 1, active_users: 0, review_count: 0, total_messages: 0 });
  });
});
