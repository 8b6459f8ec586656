import { Link } from 'react-router';
import { EmptyState, ErrorState, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTickets } from '../api/get-tickets';
import { categoryLabels, formatWhen } from '../labels';
import '../support.css';
import { NewTicketForm } from './new-ticket-form';
import { StatusBadge } from './status-badge';

export function SupportPage() {
  useDocumentTitle('Support');
  const tickets = useTickets();
  return (
    <div className="page container support-page">
      <header className="page-header">
        <div>
          <h1>Support</h1>
          <p className="page-header__lead">
            Ask us anything. Many answers are already in the <Link to={paths.faq.getHref()}>help centre</Link>
            .
          </p>
        </div>
      </header>
      <div className="support-columns">
        <section aria-labelledby="my-tickets">
          <h2 id="my-tickets">Your tickets</h2>
          {tickets.isPending ? (
            <SkeletonText lines={4} />
          ) : tickets.isError ? (
            <ErrorState
              error={tickets.error}
              title="Your tickets could not be loaded"
              onRetry={() => void tickets.refetch()}
              headingLevel="h3"
            />
          ) : tickets.data.length === 0 ? (
            <EmptyState
              title="No tickets yet"
              description="When you open a ticket, it shows up here with its status."
              headingLevel="h3"
            />
          ) : (
            <ul className="ticket-list">
              {tickets.data.map((ticket) => (
                <li key={ticket.id} className="ticket-list__item">
                  <Link to={paths.supportTicket.getHref(ticket.id)} className="ticket-list__subject">
                    {ticket.subject}
                  </Link>
                  <span className="ticket-list__meta">
                    <StatusBadge status={ticket.status} /> {categoryLabels[ticket.category]} · updated{' '}
                    <time dateTime={ticket.last_message_at}>{formatWhen(ticket.last_message_at)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <NewTicketForm />
      </div>
    </div>
  );
}
