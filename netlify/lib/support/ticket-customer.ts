/**
 * What staff see about the author of a billing ticket: plan, subscription and last invoice. Only
 * for billing tickets, and only the ticket's own author — the ticket id is the one key.
 * The last invoice is the newest invoice event Stripe sent us for the author's customer (the
 * webhook stores every event), so this needs no call to Stripe.
 *
 * Service action (admin verified by the pipeline): profiles, stripe_customers and stripe_events
 * of another user are not readable through RLS.
 */
import type Stripe from 'stripe';
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { TicketCustomer } from '../../../src/shared/support';

export async function ticketCustomer(db: Queryable, ticketId: string): Promise<TicketCustomer> {
  const { rows } = await db.query<{
    category: string;
    email: string | null;
    plan: string;
    plan_status: string | null;
    customer_id: string | null;
  }>(
    `select t.category, u.email, p.plan, p.plan_status, c.customer_id
     from public.support_tickets t
     join auth.users u on u.id = t.user_id
     join public.profiles p on p.id = t.user_id
     left join public.stripe_customers c on c.user_id = t.user_id
     where t.id = $1`,
    [ticketId],
  );
  const row = rows[0];
  if (!row) throw new ApiError('NOT_FOUND', 'No such ticket.');
  if (row.category !== 'billing')
    throw new ApiError('FORBIDDEN', 'Billing details are shown for billing tickets only.');

  const { rows: subscriptions } = await db.query<{
    status: string;
    interval: string;
    current_period_end: Date | null;
  }>(
    `select s.status, s.interval, s.current_period_end
     from public.subscriptions s join public.support_tickets t on t.user_id = s.user_id
     where t.id = $1
     order by s.stripe_created_at desc limit 1`,
    [ticketId],
  );
  let lastInvoice: TicketCustomer['lastInvoice'] = null;
  if (row.customer_id) {
    const { rows: events } = await db.query<{ invoice: Stripe.Invoice }>(
      `select payload -> 'data' -> 'object' as invoice
       from public.stripe_events
       where type like 'invoice.%' and payload -> 'data' -> 'object' ->> 'customer' = $1
       order by stripe_created_at desc limit 1`,
      [row.customer_id],
    );
    const invoice = events[0]?.invoice;
    if (invoice?.id) {
      lastInvoice = {
        id: invoice.id,
        number: invoice.number ?? null,
        status: invoice.status ?? null,
        amountDue: invoice.amount_due,
        amountPaid: invoice.amount_paid,
        currency: invoice.currency,
        created: new Date(invoice.created * 1000).toISOString(),
        hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
      };
    }
  }
  const subscription = subscriptions[0];
  return {
    email: row.email,
    plan: row.plan,
    planStatus: row.plan_status,
    subscription: subscription
      ? {
          status: subscription.status,
          interval: subscription.interval,
          currentPeriodEnd: subscription.current_period_end?.toISOString() ?? null,
        }
      : null,
    lastInvoice,
  };
}
