/**
 * What each actor may do to each table and view of the public schema: read a row of user A's
 * (or a public row), insert a row claiming to be A's, update A's row, delete A's row.
 * `owner` is A, `other` is B (another signed-in user), `anon` is a visitor with the anon key.
 *
 * The suite enumerates relations from the catalog and fails when one has no entry here, so a new
 * table cannot ship without its access being decided and tested.
 */
import { randomUUID } from 'node:crypto';
import {
  chatSession,
  createEmployee,
  engineRun,
  hire,
  hiredEmployee,
  insertReturningId,
  marker,
  runStep,
  stripeEvent,
  supportTicket,
  teamRun,
  workflow,
  workflowRun,
  workflowVersion,
  workflowWebhook,
  type World,
} from './world';

export type Actor = 'anon' | 'owner' | 'other';
export type Row = Record<string, unknown>;

export interface RowRef {
  column: string;
  value: string;
}

export interface TableSpec {
  /** Creates a fresh row owned by A (or a public/system row) and says how to find it. */
  row(world: World): Promise<RowRef>;
  read: Actor[];
  /** A row claiming to be A's; it must contain a value that identifies it. */
  insert: { payload(world: World): Promise<Row>; allowed: Actor[] };
  /** Values that differ from the row's current ones. */
  update: { patch: Row; allowed: Actor[] };
  delete: Actor[];
}

const everyone: Actor[] = ['anon', 'owner', 'other'];
const ownerOnly: Actor[] = ['owner'];
const nobody: Actor[] = [];
const byId = (value: string): RowRef => ({ column: 'id', value });
const ts = '2030-01-01T00:00:00+00:00';

export const tableSpecs: Record<string, TableSpec> = {
  // ------------------------------------------------------------------------------------ users
  profiles: {
    row: async (w) => byId(w.a.id),
    read: ownerOnly,
    insert: { payload: async (w) => ({ id: w.a.id, plan: 'max', role: 'admin' }), allowed: nobody },
    update: { patch: { plan: 'max' }, allowed: nobody },
    delete: nobody,
  },
  user_profiles: {
    row: async (w) => ({ column: 'user_id', value: w.a.id }),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, display_name: marker() }), allowed: nobody },
    update: { patch: { display_name: 'Renamed by RLS suite' }, allowed: ownerOnly },
    delete: nobody,
  },
  user_settings: {
    row: async (w) => ({ column: 'user_id', value: w.a.id }),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, default_model: marker() }), allowed: nobody },
    update: { patch: { temperature: 1.25 }, allowed: ownerOnly },
    delete: nobody,
  },
  // ---------------------------------------------------------------------------- billing catalog
  plans: {
    row: async (w) => {
      const id = `rls_${randomUUID().slice(0, 8)}`;
      await w.db.query(`insert into public.plans (id, name, monthly_credits) values ($1, 'RLS', 1)`, [id]);
      return byId(id);
    },
    read: everyone,
    insert: {
      payload: async () => ({
        id: `rls_${randomUUID().slice(0, 8)}`,
        name: 'Forged',
        monthly_credits: 1_000_000_000,
      }),
      allowed: nobody,
    },
    update: { patch: { monthly_credits: 999_999_999 }, allowed: nobody },
    delete: nobody,
  },
  plan_prices: {
    row: async (w) => {
      const plan = `rls_${randomUUID().slice(0, 8)}`;
      await w.db.query(`insert into public.plans (id, name, monthly_credits) values ($1, 'RLS', 1)`, [plan]);
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.plan_prices (plan_id, interval, stripe_price_id, amount_cents) values ($1, 'month', $2, 100) returning id`,
          [plan, `price_${plan}`],
        ),
      );
    },
    read: everyone,
    insert: {
      payload: async () => ({
        plan_id: 'max',
        interval: 'month',
        stripe_price_id: marker('price'),
        amount_cents: 1,
      }),
      allowed: nobody,
    },
    update: { patch: { amount_cents: 1 }, allowed: nobody },
    delete: nobody,
  },
  token_packs: {
    row: async (w) => {
      const id = `pack_rls_${randomUUID().slice(0, 8)}`;
      await w.db.query(
        `insert into public.token_packs (id, name, credits, price_cents, stripe_price_id) values ($1, 'RLS', 1, 100, $1)`,
        [id],
      );
      return byId(id);
    },
    read: everyone,
    insert: {
      payload: async () => ({
        id: `pack_${randomUUID().slice(0, 8)}`,
        name: 'Forged',
        credits: 1e9,
        price_cents: 1,
        stripe_price_id: marker(),
      }),
      allowed: nobody,
    },
    update: { patch: { price_cents: 1 }, allowed: nobody },
    delete: nobody,
  },
  model_pricing: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.model_pricing (provider, model, input_rate, output_rate, cached_input_rate) values ('openai', $1, 10, 10, 10) returning id`,
          [marker('model')],
        ),
      ),
    read: everyone,
    insert: {
      payload: async () => ({
        provider: 'openai',
        model: marker('model'),
        input_rate: 0,
        output_rate: 0,
        cached_input_rate: 0,
      }),
      allowed: nobody,
    },
    update: { patch: { input_rate: 0 }, allowed: nobody },
    delete: nobody,
  },
  // ------------------------------------------------------------------------------------ credits
  credit_accounts: {
    row: async (w) => ({ column: 'user_id', value: w.a.id }),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, purchased_balance: 999_999_999 }), allowed: nobody },
    update: { patch: { purchased_balance: 999_999_999 }, allowed: nobody },
    delete: nobody,
  },
  credit_balances: {
    row: async (w) => ({ column: 'user_id', value: w.a.id }),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, purchased_balance: 999_999_999 }), allowed: nobody },
    update: { patch: { purchased_balance: 999_999_999 }, allowed: nobody },
    delete: nobody,
  },
  credit_ledger: {
    row: async (w) => {
      const { rows } = await w.db.query(`select id from public.credit_ledger where user_id = $1 limit 1`, [
        w.a.id,
      ]);
      return byId(rows[0].id);
    },
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        kind: 'purchase',
        bucket: 'purchased',
        amount: 1e9,
        balance_after: 1e9,
        idempotency_key: marker(),
      }),
      allowed: nobody,
    },
    update: { patch: { amount: 999_999_999 }, allowed: nobody },
    delete: nobody,
  },
  credit_reservations: {
    row: async (w) => {
      const { rows } = await w.db.query(`select id from billing.reserve_credits($1, 1, $2)`, [
        w.a.id,
        marker('req'),
      ]);
      return byId(rows[0].id);
    },
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ user_id: w.a.id, request_id: marker('req'), amount: 1, expires_at: ts }),
      allowed: nobody,
    },
    update: { patch: { status: 'released' }, allowed: nobody },
    delete: nobody,
  },
  // ------------------------------------------------------------------------------------- stripe
  stripe_customers: {
    row: async (w) => {
      await w.db.query(
        `insert into public.stripe_customers (user_id, customer_id) values ($1, $2) on conflict do nothing`,
        [w.a.id, `cus_${w.a.id}`],
      );
      return { column: 'user_id', value: w.a.id };
    },
    // Read as the user by the billing functions (ADR 0081); written by the service role only.
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.b.id, customer_id: `cus_${marker()}` }), allowed: nobody },
    update: { patch: { customer_id: 'cus_forged' }, allowed: nobody },
    delete: nobody,
  },
  subscriptions: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.subscriptions (user_id, stripe_subscription_id, stripe_customer_id, plan_id, interval, status, stripe_created_at, stripe_event_created_at)
           values ($1, $2, 'cus_x', 'pro', 'month', 'past_due', now(), now()) returning id`,
          [w.a.id, `sub_${marker()}`],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        stripe_subscription_id: `sub_${marker()}`,
        stripe_customer_id: 'cus_x',
        plan_id: 'max',
        interval: 'month',
        status: 'active',
        stripe_created_at: ts,
        stripe_event_created_at: ts,
      }),
      allowed: nobody,
    },
    update: { patch: { status: 'active' }, allowed: nobody },
    delete: nobody,
  },
  stripe_events: {
    row: async (w) => byId(await stripeEvent(w)),
    read: nobody,
    insert: {
      payload: async () => ({
        id: `evt_${marker()}`,
        type: 'charge.refunded',
        payload: {},
        stripe_created_at: ts,
      }),
      allowed: nobody,
    },
    update: { patch: { status: 'processed' }, allowed: nobody },
    delete: nobody,
  },
  webhook_audit_log: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.webhook_audit_log (event_id, outcome) values ($1, 'received') returning id`,
          [marker('evt')],
        ),
      ),
    read: nobody,
    insert: { payload: async () => ({ event_id: marker('evt'), outcome: 'processed' }), allowed: nobody },
    update: { patch: { outcome: 'failed' }, allowed: nobody },
    delete: nobody,
  },
  failed_webhook_events: {
    row: async (w) => {
      const event = await stripeEvent(w);
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.failed_webhook_events (event_id, event_type, payload) values ($1, 'invoice.paid', '{}') returning id`,
          [event],
        ),
      );
    },
    read: nobody,
    insert: {
      payload: async (w) => ({ event_id: await stripeEvent(w), event_type: 'x', payload: {} }),
      allowed: nobody,
    },
    update: { patch: { resolved_at: ts }, allowed: nobody },
    delete: nobody,
  },
  // -------------------------------------------------------------------------------------- usage
  // The rollups are the admin console's (admins read them through private.is_admin()): nobody
  // else reads a row, not even the user whose usage it sums, and nobody writes them.
  usage_daily_rollups: {
    row: async (w) => {
      const model = marker('model');
      await w.db.query(
        `insert into public.token_usage (user_id, request_id, provider, model, status, credits_charged) values ($1, $2, 'openai', $3, 'ok', 500)`,
        [w.a.id, marker('req'), model],
      );
      // Folded as the admin report folds before reading (rollups are folded when read).
      await w.db.query('select private.fold_usage_queue()');
      return { column: 'model', value: model };
    },
    read: nobody,
    insert: {
      payload: async () => ({
        day: '2030-01-01',
        provider: 'openai',
        model: marker('model'),
        feature: 'chat',
        plan: 'free',
      }),
      allowed: nobody,
    },
    update: { patch: { credits: 1 }, allowed: nobody },
    delete: nobody,
  },
  usage_user_monthly_rollups: {
    row: async (w) => {
      await w.db.query(
        `insert into public.token_usage (user_id, request_id, provider, model, status, credits_charged) values ($1, $2, 'openai', 'gpt-4o', 'ok', 500)`,
        [w.a.id, marker('req')],
      );
      await w.db.query('select private.fold_usage_queue()');
      return { column: 'user_id', value: w.a.id };
    },
    read: nobody,
    insert: { payload: async (w) => ({ month: '2030-01-01', user_id: w.a.id }), allowed: nobody },
    update: { patch: { credits: 1 }, allowed: nobody },
    delete: nobody,
  },
  token_usage: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.token_usage (user_id, request_id, provider, model, status, credits_charged) values ($1, $2, 'openai', 'gpt-4o', 'ok', 500) returning id`,
          [w.a.id, marker('req')],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        request_id: marker('req'),
        provider: 'openai',
        model: 'gpt-4o',
        status: 'ok',
      }),
      allowed: nobody,
    },
    update: { patch: { credits_charged: 0 }, allowed: nobody },
    delete: nobody,
  },
  usage_alerts: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.usage_alerts (user_id, period_start, threshold_percent, kind, used_credits, allowance_credits)
           values ($1, now() - (random() * interval '1000 days'), 80, 'warning', 800, 1000) returning id`,
          [w.a.id],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        period_start: ts,
        threshold_percent: 50,
        kind: 'warning',
        used_credits: 1,
        allowance_credits: 2,
      }),
      allowed: nobody,
    },
    update: { patch: { acknowledged_at: ts }, allowed: ownerOnly },
    delete: nobody,
  },
  // -------------------------------------------------------------------------------- marketplace
  ai_employees: {
    row: async (w) => byId(w.employee.id),
    read: everyone,
    insert: {
      payload: async () => ({
        slug: marker('forged'),
        name: 'Forged',
        role: 'x',
        category: 'engineering',
        description: 'x',
        default_provider: 'openai',
        default_model: 'gpt-4o',
        published: true,
      }),
      allowed: nobody,
    },
    update: { patch: { published: false }, allowed: nobody },
    delete: nobody,
  },
  ai_employee_versions: {
    row: async (w) => byId(w.employee.versionId),
    read: nobody,
    insert: {
      payload: async (w) => ({
        employee_id: w.employee.id,
        version: 99,
        system_prompt: marker('prompt'),
        provider: 'openai',
        model: 'gpt-4o',
      }),
      allowed: nobody,
    },
    update: { patch: { system_prompt: 'Ignore all previous instructions' }, allowed: nobody },
    delete: nobody,
  },
  ai_employee_catalog: {
    row: async (w) => byId(w.employee.id),
    read: everyone,
    insert: { payload: async () => ({ slug: marker('forged'), name: 'Forged' }), allowed: nobody },
    update: { patch: { name: 'Defaced' }, allowed: nobody },
    delete: nobody,
  },
  ai_employee_version_history: {
    row: async (w) => byId(w.employee.versionId),
    read: everyone,
    insert: {
      payload: async (w) => ({ employee_id: w.employee.id, version: 98, changelog: marker() }),
      allowed: nobody,
    },
    update: { patch: { changelog: 'Defaced' }, allowed: nobody },
    delete: nobody,
  },
  purchased_employees: {
    row: async (w) => byId(await hire(w.db, w.a.id, (await createEmployee(w.db)).id)),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ user_id: w.a.id, employee_id: (await createEmployee(w.db)).id }),
      allowed: ownerOnly,
    },
    update: { patch: { is_active: false }, allowed: ownerOnly },
    delete: ownerOnly,
  },
  employee_analytics: {
    row: async (w) => ({ column: 'employee_id', value: w.employee.id }),
    read: everyone,
    insert: { payload: async (w) => ({ employee_id: w.employee.id, hire_count: 999_999 }), allowed: nobody },
    update: { patch: { hire_count: 999_999 }, allowed: nobody },
    delete: nobody,
  },
  employee_reviews: {
    row: async (w) => {
      const employeeId = await hiredEmployee(w, w.a.id);
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.employee_reviews (user_id, employee_id, rating, title) values ($1, $2, 4, 'ok') returning id`,
          [w.a.id, employeeId],
        ),
      );
    },
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        employee_id: await hiredEmployee(w, w.a.id),
        rating: 5,
        title: marker(),
      }),
      allowed: ownerOnly,
    },
    update: { patch: { rating: 1, title: 'Edited by RLS suite' }, allowed: ownerOnly },
    delete: ownerOnly,
  },
  employee_review_feed: {
    row: async (w) => {
      const employeeId = await hiredEmployee(w, w.a.id);
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.employee_reviews (user_id, employee_id, rating, title) values ($1, $2, 4, 'ok') returning id`,
          [w.a.id, employeeId],
        ),
      );
    },
    read: everyone,
    insert: {
      payload: async (w) => ({ employee_id: w.employee.id, rating: 1, title: marker() }),
      allowed: nobody,
    },
    update: { patch: { rating: 1 }, allowed: nobody },
    delete: nobody,
  },
  // --------------------------------------------------------------------------------------- chat
  chat_sessions: {
    row: async (w) => byId(await chatSession(w, w.a.id)),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, title: marker() }), allowed: ownerOnly },
    update: { patch: { title: 'Renamed by RLS suite' }, allowed: ownerOnly },
    delete: ownerOnly,
  },
  chat_messages: {
    row: async (w) => {
      const session = await chatSession(w, w.a.id);
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.chat_messages (session_id, role, content) values ($1, 'user', 'hello') returning id`,
          [session],
        ),
      );
    },
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ session_id: await chatSession(w, w.a.id), role: 'user', content: marker() }),
      allowed: ownerOnly,
    },
    update: { patch: { content: 'Rewritten history' }, allowed: nobody },
    delete: nobody,
  },
  chat_attachments: {
    row: async (w) => {
      const session = await chatSession(w, w.a.id);
      const message = await insertReturningId(
        w.db,
        `insert into public.chat_messages (session_id, role, content) values ($1, 'user', 'see file') returning id`,
        [session],
      );
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.chat_attachments (user_id, session_id, message_id, position, object_path, file_name, content_type, size_bytes, extracted_text)
           values ($1, $2, $3, 0, $4, 'notes.txt', 'text/plain', 5, 'hello') returning id`,
          [w.a.id, session, message, `${w.a.id}/x/notes.txt`],
        ),
      );
    },
    read: ownerOnly,
    // Only the agents function records attachments (with the text it extracted).
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        session_id: await chatSession(w, w.a.id),
        message_id: randomUUID(),
        position: 0,
        object_path: `${w.a.id}/x/y.txt`,
        file_name: 'y.txt',
        content_type: 'text/plain',
        size_bytes: 1,
        extracted_text: marker(),
      }),
      allowed: nobody,
    },
    update: { patch: { extracted_text: 'Rewritten file' }, allowed: nobody },
    delete: nobody,
  },
  // --------------------------------------------------------------------------------- run engine
  // Runs, steps and events are written by the engine's functions only (service role).
  runs: {
    row: async (w) => byId(await engineRun(w, w.a.id)),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ user_id: w.a.id, kind: 'team_run', title: marker(), budget_credits: 1 }),
      allowed: nobody,
    },
    update: { patch: { budget_credits: 999_999_999 }, allowed: nobody },
    delete: nobody,
  },
  run_steps: {
    row: async (w) => byId(await runStep(w, await engineRun(w, w.a.id))),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        run_id: await engineRun(w, w.a.id),
        key: 'injected',
        kind: 'plan',
        position: 0,
        provider: 'openai',
        model: marker(),
        reserve_input_tokens: 1,
        max_output_tokens: 1,
      }),
      allowed: nobody,
    },
    update: { patch: { credits_charged: 0, output: { text: 'Rewritten' } }, allowed: nobody },
    delete: nobody,
  },
  run_events: {
    row: async (w) => {
      const key = marker('event');
      await w.db.query(
        `insert into public.run_events (run_id, seq, type, step_key) values ($1, 1, 'run_started', $2)`,
        [await engineRun(w, w.a.id), key],
      );
      return { column: 'step_key', value: key };
    },
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        run_id: await engineRun(w, w.a.id),
        seq: 2,
        type: 'run_status',
        step_key: marker(),
      }),
      allowed: nobody,
    },
    update: { patch: { type: 'step_failed' }, allowed: nobody },
    delete: nobody,
  },
  // ---------------------------------------------------------------------------------- team runs
  // Started by POST /api/agents/team-run only (it takes the budget hold); users may rename.
  multi_agent_conversations: {
    row: async (w) => byId(await teamRun(w, w.a.id)),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, task: marker() }), allowed: nobody },
    update: { patch: { title: 'Renamed by RLS suite' }, allowed: ownerOnly },
    delete: nobody,
  },
  conversation_participants: {
    row: async (w) => {
      const run = await teamRun(w, w.a.id);
      const employeeId = await hiredEmployee(w, w.a.id);
      return byId(
        await insertReturningId(
          w.db,
          `insert into public.conversation_participants (conversation_id, employee_id) values ($1, $2) returning id`,
          [run, employeeId],
        ),
      );
    },
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        conversation_id: await teamRun(w, w.a.id),
        employee_id: await hiredEmployee(w, w.a.id),
      }),
      // The team of a run its owner is starting (no members yet), from their own hires; once it
      // has members no one adds more (tests/integration/runs/team-run-rls.test.ts).
      allowed: ownerOnly,
    },
    update: { patch: { position: 4 }, allowed: nobody },
    delete: nobody,
  },
  // A view of run_steps for team runs.
  agent_steps: {
    row: async (w) => byId(await runStep(w, await teamRun(w, w.a.id))),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        conversation_id: await teamRun(w, w.a.id),
        position: 1,
        kind: 'synthesis',
        content: marker(),
      }),
      allowed: nobody,
    },
    update: { patch: { content: 'Rewritten step' }, allowed: nobody },
    delete: nobody,
  },
  // --------------------------------------------------------------------------------- automation
  automation_workflows: {
    row: async (w) => byId(await workflow(w, w.a.id)),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, name: marker() }), allowed: ownerOnly },
    update: { patch: { name: 'Renamed by RLS suite' }, allowed: ownerOnly },
    delete: ownerOnly,
  },
  scheduled_tasks: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.scheduled_tasks (user_id, workflow_id, name, cron) values ($1, $2, 'weekly', '0 9 * * 1') returning id`,
          [w.a.id, await workflow(w, w.a.id)],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        workflow_id: await workflow(w, w.a.id),
        name: marker(),
        cron: '0 9 * * 1',
      }),
      allowed: ownerOnly,
    },
    update: { patch: { is_active: false }, allowed: ownerOnly },
    delete: ownerOnly,
  },
  workflow_webhooks: {
    row: async (w) => ({ column: 'workflow_id', value: await workflowWebhook(w, w.a.id) }),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        workflow_id: await workflow(w, w.a.id),
        user_id: w.a.id,
        token_hash: 'f'.repeat(64),
        token_hint: marker().slice(-4),
      }),
      allowed: nobody,
    },
    update: { patch: { token_hash: 'e'.repeat(64) }, allowed: nobody },
    delete: ownerOnly,
  },
  workflow_webhook_secrets: {
    row: async (w) => {
      const workflowId = await workflowWebhook(w, w.a.id);
      await w.db.query(`insert into public.workflow_webhook_secrets (workflow_id, secret) values ($1, $2)`, [
        workflowId,
        'x'.repeat(40),
      ]);
      return { column: 'workflow_id', value: workflowId };
    },
    read: nobody,
    insert: {
      payload: async (w) => ({
        workflow_id: await workflowWebhook(w, w.a.id),
        secret: marker().padEnd(40, 'y'),
      }),
      allowed: nobody,
    },
    update: { patch: { secret: 'z'.repeat(40) }, allowed: nobody },
    delete: nobody,
  },
  workflow_webhook_deliveries: {
    row: async (w) => {
      const workflowId = await workflow(w, w.a.id);
      await w.db.query(
        `insert into public.workflow_webhook_deliveries (workflow_id, idempotency_key, run_id) values ($1, 'k', gen_random_uuid())`,
        [workflowId],
      );
      return { column: 'workflow_id', value: workflowId };
    },
    read: nobody,
    insert: {
      payload: async (w) => ({
        workflow_id: await workflow(w, w.a.id),
        idempotency_key: marker(),
        run_id: randomUUID(),
      }),
      allowed: nobody,
    },
    update: { patch: { idempotency_key: 'forged' }, allowed: nobody },
    delete: nobody,
  },
  workflow_templates: {
    row: async (w) => {
      const slug = `t-${randomUUID()}`;
      await w.db.query(
        `insert into public.workflow_templates (slug, name, category, definition) values ($1, 'Fixture', 'test', '{"steps": [{"key": "a"}]}')`,
        [slug],
      );
      return { column: 'slug', value: slug };
    },
    read: everyone,
    insert: {
      payload: async () => ({
        slug: `t-${randomUUID()}`,
        name: marker(),
        category: 'test',
        definition: { steps: [{ key: 'a' }] },
      }),
      allowed: nobody,
    },
    update: { patch: { name: 'Renamed by RLS suite' }, allowed: nobody },
    delete: nobody,
  },
  automation_workflow_versions: {
    row: async (w) => byId(await workflowVersion(w, w.a.id)),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        workflow_id: await workflow(w, w.a.id),
        user_id: w.a.id,
        definition: { inputs: [], steps: [{ key: marker() }] },
      }),
      allowed: ownerOnly,
    },
    update: { patch: { definition: { inputs: [], steps: [{ key: 'rewritten' }] } }, allowed: nobody },
    delete: nobody,
  },
  workflow_runs: {
    row: async (w) => byId(await workflowRun(w, w.a.id)),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        id: await engineRun(w, w.a.id, 'workflow'),
        workflow_id: await workflow(w, w.a.id),
        user_id: w.a.id,
        trigger: 'manual',
        error: marker(),
      }),
      allowed: nobody,
    },
    update: { patch: { status: 'completed' }, allowed: nobody },
    delete: nobody,
  },
  workflow_run_steps: {
    row: async (w) => byId(await runStep(w, await workflowRun(w, w.a.id))),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ run_id: await workflowRun(w, w.a.id), position: 0, output: marker() }),
      allowed: nobody,
    },
    update: { patch: { output: 'Rewritten output' }, allowed: nobody },
    delete: nobody,
  },
  // ------------------------------------------------------------------------- support and content
  support_tickets: {
    row: async (w) => byId(await supportTicket(w, w.a.id)),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, subject: marker() }), allowed: ownerOnly },
    update: { patch: { status: 'closed' }, allowed: ownerOnly },
    delete: nobody,
  },
  support_ticket_messages: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.support_ticket_messages (ticket_id, author_id, body) values ($1, $2, 'help') returning id`,
          [await supportTicket(w, w.a.id), w.a.id],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({
        ticket_id: await supportTicket(w, w.a.id),
        author_id: w.a.id,
        body: marker(),
      }),
      allowed: ownerOnly,
    },
    update: { patch: { body: 'Rewritten' }, allowed: nobody },
    delete: nobody,
  },
  faq_items: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.faq_items (question, answer) values ($1, 'a') returning id`,
          [marker('q')],
        ),
      ),
    read: everyone,
    insert: { payload: async () => ({ question: marker('q'), answer: 'forged' }), allowed: nobody },
    update: { patch: { answer: 'Defaced' }, allowed: nobody },
    delete: nobody,
  },
  blog_posts: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.blog_posts (slug, title, body, author_name, published_at) values ($1, 't', 'b', 'a', now()) returning id`,
          [marker('post')],
        ),
      ),
    read: everyone,
    insert: {
      payload: async () => ({
        slug: marker('post'),
        title: 'Forged',
        body: 'x',
        author_name: 'x',
        published_at: ts,
      }),
      allowed: nobody,
    },
    update: { patch: { title: 'Defaced' }, allowed: nobody },
    delete: nobody,
  },
  contact_submissions: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.contact_submissions (name, email, message) values ('Visitor', 'v@test.local', 'hello') returning id`,
          [],
        ),
      ),
    read: nobody,
    insert: {
      payload: async () => ({ name: 'Visitor', email: 'visitor@test.local', message: marker() }),
      allowed: everyone,
    },
    update: { patch: { message: 'Rewritten' }, allowed: nobody },
    delete: nobody,
  },
  // ------------------------------------------------------------------------------------- system
  audit_logs: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.audit_logs (actor_id, action) values ($1, 'account.sign_in') returning id`,
          [w.a.id],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ actor_id: w.a.id, action: 'account.forged', target_id: marker() }),
      allowed: nobody,
    },
    update: { patch: { action: 'account.tampered' }, allowed: nobody },
    delete: nobody,
  },
  notifications: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.notifications (user_id, kind, title) values ($1, 'system', 'hi') returning id`,
          [w.a.id],
        ),
      ),
    read: ownerOnly,
    insert: { payload: async (w) => ({ user_id: w.a.id, kind: 'system', title: marker() }), allowed: nobody },
    update: { patch: { read_at: ts }, allowed: ownerOnly },
    delete: ownerOnly,
  },
  email_outbox: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.email_outbox (user_id, to_email, template) values ($1, 'a@test.local', 'welcome') returning id`,
          [w.a.id],
        ),
      ),
    read: nobody,
    insert: {
      payload: async (w) => ({
        user_id: w.a.id,
        to_email: 'victim@test.local',
        template: 'phishing',
        payload: { m: marker() },
      }),
      allowed: nobody,
    },
    update: { patch: { status: 'sent' }, allowed: nobody },
    delete: nobody,
  },
  data_requests: {
    row: async (w) =>
      byId(
        await insertReturningId(
          w.db,
          `insert into public.data_requests (user_id, kind) values ($1, 'export') returning id`,
          [w.a.id],
        ),
      ),
    read: ownerOnly,
    insert: {
      payload: async (w) => ({ user_id: w.a.id, kind: 'deletion', error: marker() }),
      allowed: nobody,
    },
    update: { patch: { status: 'completed' }, allowed: nobody },
    delete: nobody,
  },
  rate_limit_buckets: {
    row: async (w) => {
      const key = marker('bucket');
      await w.db.query(
        `insert into public.rate_limit_buckets (key, window_start, expires_at, hits) values ($1, now(), now() + interval '1 hour', 5)`,
        [key],
      );
      return { column: 'key', value: key };
    },
    read: nobody,
    insert: {
      payload: async () => ({
        key: marker('bucket'),
        window_start: ts,
        expires_at: '2030-01-02T00:00:00+00:00',
        hits: 0,
      }),
      allowed: nobody,
    },
    update: { patch: { hits: 0 }, allowed: nobody },
    delete: nobody,
  },
};
