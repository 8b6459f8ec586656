/**
 * What staff see about the author of a billing ticket: plan, subscription and last invoice. Only
 * for billing tickets, and only the ticket's own author — the ticket id is the one key.
 * The last invoice is the newest invoice event Stripe sent us for the author's customer (the
 * webhook stores every event), so this needs no call to Stripe.
 *
 * The ticket, the author's plan and subscription are read as the staff member (`asUser`): the
 * admin policies on support_tickets, profiles and subscriptions decide. The author's email
 * (auth.users), Stripe customer (users read only their own) and invoice event are service reads.
 */
import type pg from 'pg';
import type Stripe from 'stripe';
import { asUser, continueAsService, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import type { TicketCustomer } from '../../../src/shared/support';

export async function ticketCustomer(
  db: pg.Pool,
  staff: DbCaller,
  ticketId: string,
): Promise<TicketCustomer> {
  return asUser(db, staff, async (client) => {
    const { rows } = await client.query<{
      category: string;
      user_id: string;
      plan: string;
      plan_status: string | null;
    }>(
      `select t.category, t.user_id, p.plan, p.plan_status
       from public.support_tickets t join public.profiles p on p.id = t.user_id
       where t.id = $1`,
      [ticketId],
    );
    const row = rows[0];
    if (!row) throw new ApiError('NOT_FOUND', 'No such ticket.');
    if (row.category !== 'billing')
      throw new ApiError('FORBIDDEN', 'Billing details are shown for billing tickets only.');
    const { rows: subscriptions } = await client.query<{
      status: string;
      interval: string;
      current_period_end: Date | null;
    }>(
      `select status, interval, current_period_end from public.subscriptions
       where user_id = $1 order by stripe_created_at desc limit 1`,
      [row.user_id],
    );

    // Service from here: no API role reads auth.users, nor another user's Stripe customer.
    await continueAsService(client);
    const { rows: author } = await client.query<{ email: string | null; customer_id: string | null }>(
      `select u.email, c.customer_id
       from auth.users u left join public.stripe_customers c on c.user_id = u.id
       where u.id = $1`,
      [row.user_id],
    );
    return describeCustomer(client, row, subscriptions[0], author[0]);
  });
}

/** Still at the service level: the invoice event is found by the customer id only the service reads. */
async function describeCustomer(
  db: pg.PoolClient,
  row: { plan: string; plan_status: string | null },
  subscription: { status: string; interval: string; current_period_end: Date | null } | undefined,
  author: { email: string | null; customer_id: string | null } | undefined,
): Promise<TicketCustomer> {
  let lastInvoice: TicketCustomer['lastInvoice'] = null;
  if (author?.customer_id) {
    const { rows: events } = await db.query<{ invoice: Stripe.Invoice }>(
      `select payload -> 'data' -> 'object' as invoice
       from public.stripe_events
       where type like 'invoice.%' and payload -> 'data' -> 'object' ->> 'customer' = $1
       order by stripe_created_at desc limit 1`,
      [author.customer_id],
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
  return {
    email: author?.email ?? null,
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
