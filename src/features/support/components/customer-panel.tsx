import { Card, ErrorState, SkeletonText } from '@/components/ui';
import { formatMoney } from '@/lib/credits-format';
import { useTicketCustomer } from '../api/staff';
import { formatWhen } from '../labels';

/** The author's plan and last invoice, for staff answering a billing ticket. */
export function CustomerPanel({ ticketId }: { ticketId: string }) {
  const customer = useTicketCustomer(ticketId, true);
  return (
    <Card as="section" title="Customer billing" titleAs="h2" className="customer-panel">
      {customer.isPending ? (
        <SkeletonText lines={3} />
      ) : customer.isError ? (
        <ErrorState error={customer.error} title="Billing details could not be loaded" headingLevel="h3" />
      ) : (
        <dl className="customer-panel__facts">
          <dt>Email</dt>
          <dd>{customer.data.email ?? '—'}</dd>
          <dt>Plan</dt>
          <dd>
            {customer.data.plan} ({customer.data.planStatus ?? 'unknown'})
          </dd>
          <dt>Subscription</dt>
          <dd>
            {customer.data.subscription
              ? `${customer.data.subscription.status}, ${customer.data.subscription.interval}ly${
                  customer.data.subscription.currentPeriodEnd
                    ? `, renews ${formatWhen(customer.data.subscription.currentPeriodEnd)}`
                    : ''
                }`
              : 'None'}
          </dd>
          <dt>Last invoice</dt>
          <dd>
            {customer.data.lastInvoice ? (
              <>
                {customer.data.lastInvoice.number ?? customer.data.lastInvoice.id} ·{' '}
                {formatMoney(customer.data.lastInvoice.amountDue, customer.data.lastInvoice.currency)} ·{' '}
                {customer.data.lastInvoice.status ?? 'unknown'} ·{' '}
                {formatWhen(customer.data.lastInvoice.created)}
                {customer.data.lastInvoice.hostedInvoiceUrl && (
                  <>
                    {' '}
                    ·{' '}
                    <a
                      href={customer.data.lastInvoice.hostedInvoiceUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      View in Stripe
                    </a>
                  </>
                )}
              </>
            ) : (
              'None'
            )}
          </dd>
        </dl>
      )}
    </Card>
  );
}
