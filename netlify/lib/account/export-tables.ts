/**
 * What the data export contains: one key per table, named after it, with the predicate that
 * selects the caller's rows — and every user-owned table that is deliberately left out, with the
 * reason. tests/integration/account/export-account.test.ts walks the catalog's foreign keys from
 * auth.users and fails when a table is in neither list.
 *
 * The statements run as the caller under RLS (asUser), so another user's row can never appear
 * even if a predicate were wrong; the predicates keep out what RLS would also let the caller read
 * (an admin reads every ticket, everyone reads the public catalog).
 */

export interface ExportedTable {
  /** Schema-qualified table, aliased `t` in `select` and `where`. */
  from: string;
  /** Rows of the caller; `auth.uid()` is the caller. */
  where: string;
  /** The row as JSON; `to_jsonb(t)` unless columns are dropped or rewritten. */
  select?: string;
}

const own = 't.user_id = (select auth.uid())';
const ownedBy = (parent: string, column: string) =>
  `t.${column} in (select p.id from public.${parent} p where p.user_id = (select auth.uid()))`;

export const exportedTables: Record<string, ExportedTable> = {
  profiles: { from: 'public.profiles', where: 't.id = (select auth.uid())' },
  user_profiles: { from: 'public.user_profiles', where: own },
  user_settings: { from: 'public.user_settings', where: own },
  purchased_employees: { from: 'public.purchased_employees', where: own },
  employee_reviews: { from: 'public.employee_reviews', where: own },
  chat_sessions: { from: 'public.chat_sessions', where: own },
  chat_messages: {
    from: 'public.chat_messages',
    // System messages carry an employee's instructions, never the user's words.
    where: `${ownedBy('chat_sessions', 'session_id')} and t.role <> 'system'`,
  },
  chat_attachments: { from: 'public.chat_attachments', where: own },
  runs: { from: 'public.runs', where: own },
  run_steps: {
    from: 'public.run_steps',
    where: ownedBy('runs', 'run_id'),
    // A step's input may carry the employee's system prompt; the lease is the worker's business.
    select: `to_jsonb(t) - 'lease_owner' - 'lease_expires_at' #- '{input,system_prompt}' #- '{input,system}'`,
  },
  run_events: { from: 'public.run_events', where: ownedBy('runs', 'run_id') },
  multi_agent_conversations: { from: 'public.multi_agent_conversations', where: own },
  conversation_participants: {
    from: 'public.conversation_participants',
    where: ownedBy('multi_agent_conversations', 'conversation_id'),
  },
  automation_workflows: { from: 'public.automation_workflows', where: own },
  automation_workflow_versions: { from: 'public.automation_workflow_versions', where: own },
  // The token itself was shown once and is stored only as a hash: the hash is no use to anyone.
  workflow_webhooks: { from: 'public.workflow_webhooks', where: own, select: `to_jsonb(t) - 'token_hash'` },
  scheduled_tasks: { from: 'public.scheduled_tasks', where: own },
  workflow_runs: { from: 'public.workflow_runs', where: own },
  token_usage: { from: 'public.token_usage', where: own },
  usage_alerts: { from: 'public.usage_alerts', where: own },
  credit_accounts: { from: 'public.credit_accounts', where: own },
  credit_ledger: { from: 'public.credit_ledger', where: own },
  credit_reservations: { from: 'public.credit_reservations', where: own },
  subscriptions: { from: 'public.subscriptions', where: own },
  support_tickets: { from: 'public.support_tickets', where: own },
  support_ticket_messages: {
    from: 'public.support_ticket_messages',
    where: ownedBy('support_tickets', 'ticket_id'),
    // Staff replies are part of the user's ticket; the staff member's account id is not.
    select: `to_jsonb(t) - 'author_id' || jsonb_build_object('from_you', t.author_id is not distinct from (select auth.uid()))`,
  },
  notifications: { from: 'public.notifications', where: own },
  data_requests: { from: 'public.data_requests', where: own },
  audit_logs: { from: 'public.audit_logs', where: 't.actor_id = (select auth.uid())' },
};

/** User-owned tables left out of the export on purpose, with the reason shown in the file. */
export const excludedTables: Record<string, string> = {
  'public.workflow_webhook_secrets':
    'The signing secrets of your workflow webhooks: a secret in a file is a leaked secret; rotate it to get a new one.',
  'public.workflow_webhook_deliveries':
    'Idempotency keys of webhook deliveries, kept for 24 hours; the runs they started are in workflow_runs.',
  'public.failed_webhook_events':
    'Stripe events a staff member discarded from the dead-letter queue: operations records, which name you only as the one who acted.',
  'public.usage_user_monthly_rollups':
    'Monthly totals computed from token_usage, which is in this file row by row.',
  'public.email_outbox':
    'The mail queue: the emails themselves were sent to you; their content is in notifications.',
  'public.stripe_customers':
    'Our link to your Stripe customer; its id is in subscriptions.stripe_customer_id.',
  'private.employee_hirers':
    'An analytics counter of who ever hired an employee; your hires are in purchased_employees.',
};
