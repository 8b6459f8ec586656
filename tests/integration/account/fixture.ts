/**
 * An account with a row in every table a user can own and files in Storage, for the deletion and
 * export tests: a real user signed up through the local Auth API (so the password hash is what
 * Auth writes and the token is a real session's), rows written as the service would write them.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Session, SupabaseClient } from '@supabase/supabase-js';
import { billing } from '../db/support/billing';
import { PASSWORD, signedUpUser } from '../supabase-api/auth/helpers';
import { PNG_1X1 } from '../supabase-api/storage/helpers';

export interface Account {
  id: string;
  email: string;
  password: string;
  token: string;
  client: SupabaseClient;
  session: Session;
  employeeId: string;
  files: Array<{ bucket: string; name: string }>;
}

export async function signUpAccount(label: string): Promise<Account> {
  const { client, email, session } = await signedUpUser(label);
  return {
    id: session.user.id,
    email,
    password: PASSWORD,
    token: session.access_token,
    client,
    session,
    employeeId: '',
    files: [],
  };
}

/** Fills the account with a row in every user-owned table, and uploads an avatar and an attachment. */
export async function populate(db: pg.Pool, account: Account): Promise<void> {
  const userId = account.id;
  const money = billing(db);
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  const employeeId = randomUUID();
  account.employeeId = employeeId;
  await q(
    `insert into public.ai_employees (id, slug, name, role, category, description, default_provider, default_model, published)
     values ($1, $2, 'Account Test', 'Tester', 'engineering', 'x', 'openai', 'gpt-4o-mini', true)`,
    [employeeId, `account-${employeeId.slice(0, 8)}`],
  );
  await q(
    `insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model)
     values ($1, 1, 'SECRET SYSTEM PROMPT ${employeeId}', 'openai', 'gpt-4o-mini')`,
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
  // What an employee is told is never the user's data: the export must leave it out.
  await q(`insert into public.chat_messages (session_id, role, content) values ($1, 'system', $2)`, [
    session,
    `SECRET SYSTEM PROMPT ${employeeId}`,
  ]);
  const attachment = `${userId}/${randomUUID()}/notes.txt`;
  const upload = await account.client.storage
    .from('chat-attachments')
    .upload(attachment, new Blob(['some notes'], { type: 'text/plain' }), { contentType: 'text/plain' });
  if (upload.error) throw upload.error;
  const avatar = `${userId}/avatar`;
  const picture = await account.client.storage
    .from('avatars')
    .upload(avatar, PNG_1X1, { contentType: 'image/png', upsert: true });
  if (picture.error) throw picture.error;
  account.files = [
    { bucket: 'avatars', name: avatar },
    { bucket: 'chat-attachments', name: attachment },
  ];
  await q(
    `insert into public.chat_attachments (user_id, session_id, message_id, position, object_path, file_name, content_type, size_bytes, extracted_text)
     values ($1, $2, $3, 0, $4, 'notes.txt', 'text/plain', 10, 'some notes')`,
    [userId, session, message, attachment],
  );
  await q(
    `insert into public.token_usage (user_id, request_id, provider, model, status, session_id, message_id, credits_charged)
     values ($1, $2, 'openai', 'gpt-4o-mini', 'ok', $3, $4, 10)`,
    [userId, `usage-${randomUUID()}`, session, message],
  );
  await q('select private.fold_usage_queue()'); // into the rollups, as the admin report folds
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
     values ($1, 'contribution-1', 'contribution', 0, jsonb_build_object('participant_id', $2::uuid, 'system_prompt', $3::text), 'openai', 'gpt-4o-mini', 10, 10)`,
    [run, participant, `SECRET SYSTEM PROMPT ${employeeId}`],
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
    `insert into public.automation_workflow_versions (id, workflow_id, user_id, definition)
     values ($1, $2, $3, jsonb_build_object('inputs', '[]'::jsonb, 'steps', jsonb_build_array(jsonb_build_object('key', 'draft'))))`,
    [version, workflow, userId],
  );
  // A workflow run is an engine run (same id) with its workflow side and steps.
  const workflowRun = randomUUID();
  await q(
    `insert into public.runs (id, user_id, kind, title, budget_credits) values ($1, $2, 'workflow', 'weekly', 1000)`,
    [workflowRun, userId],
  );
  await q(
    `insert into public.workflow_runs (id, workflow_id, user_id, version_id, version, trigger, scheduled_task_id, schedule_slot)
     values ($1, $2, $3, $4, 1, 'schedule', $5, date_trunc('hour', now()))`,
    [workflowRun, workflow, userId, version, task],
  );
  await q(
    `insert into public.run_steps (run_id, key, kind, position, input, provider, model, reserve_input_tokens, max_output_tokens)
     values ($1, 'draft', 'workflow_step', 0, jsonb_build_object('employee_id', $2::uuid), 'openai', 'gpt-4o-mini', 10, 10)`,
    [workflowRun, employeeId],
  );
  await q(
    `insert into public.workflow_webhooks (workflow_id, user_id, token_hash, token_hint, signed)
     values ($1, $2, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'abcd', true)`,
    [workflow, userId],
  );
  await q(`insert into public.workflow_webhook_secrets (workflow_id, secret) values ($1, repeat('s', 32))`, [
    workflow,
  ]);
  await q(
    `insert into public.workflow_webhook_deliveries (workflow_id, idempotency_key, run_id) values ($1, 'delivery-1', $2)`,
    [workflow, workflowRun],
  );
  // A dead-lettered Stripe event this user (as staff) discarded: the row is operations', not theirs.
  const deadEvent = `evt_account_${randomUUID().replaceAll('-', '')}`;
  await q(
    `insert into public.stripe_events (id, type, status, payload, stripe_created_at) values ($1, 'customer.created', 'dead_lettered', '{}', now())`,
    [deadEvent],
  );
  await q(
    `insert into public.failed_webhook_events (event_id, event_type, payload, discarded_at, discarded_by, discard_reason)
     values ($1, 'customer.created', '{}', now(), $2, 'test')`,
    [deadEvent, userId],
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
    `insert into public.email_outbox (user_id, to_email, template, dedupe_key) values ($1, $2, 'run_finished', $3)`,
    [userId, account.email, `fixture:${randomUUID()}`],
  );
  await q(`insert into public.data_requests (user_id, kind, status) values ($1, 'export', 'completed')`, [
    userId,
  ]);
  await q(
    `insert into public.audit_logs (actor_id, action, target_type) values ($1, 'account.export', 'user')`,
    [userId],
  );
  await money.addPurchased(userId, 5_000_000, `purchase-${randomUUID()}`);
  const request = `req-${randomUUID()}`;
  await money.reserve(userId, 300_000, request);
  await money.settle(request, 250_000);
  await money.reserve(userId, 100_000, `req-${randomUUID()}`);
}
