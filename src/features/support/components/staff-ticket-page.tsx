import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ErrorState, Field, PageSpinner, Select, Textarea } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { ticketPriorities, ticketStatuses, type TicketPriority, type TicketStatus } from '@/shared/support';
import { useTicket } from '../api/get-ticket';
import { useStaffReply, useStaffUpdate } from '../api/staff';
import { categoryLabels, formatWhen, priorityLabels, staffStatusLabels } from '../labels';
import '../support.css';
import { CustomerPanel } from './customer-panel';
import { StatusBadge } from './status-badge';
import { TicketThread } from './ticket-thread';

const statusOptions = ticketStatuses.map((value) => ({ value, label: staffStatusLabels[value] }));
const priorityOptions = ticketPriorities.map((value) => ({ value, label: priorityLabels[value] }));

export function StaffTicketPage() {
  const { ticketId = '' } = useParams();
  const thread = useTicket(ticketId);
  useDocumentTitle(thread.data ? `Staff · ${thread.data.ticket.subject}` : 'Staff ticket');

  if (thread.isPending) return <PageSpinner label="Loading the ticket" />;
  if (thread.isError)
    return (
      <div className="page container">
        <ErrorState
          error={thread.error}
          title="This ticket could not be loaded"
          onRetry={() => void thread.refetch()}
        />
      </div>
    );
  const { ticket, messages } = thread.data;
  return (
    <div className="page container staff-ticket">
      <p>
        <Link to={paths.adminSupport.getHref()}>← Support queue</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{ticket.subject}</h1>
          <p className="page-header__lead">
            <StatusBadge status={ticket.status} staff /> {categoryLabels[ticket.category]} · opened{' '}
            {formatWhen(ticket.created_at)}
          </p>
        </div>
        <TicketControls ticketId={ticket.id} status={ticket.status} priority={ticket.priority} />
      </header>
      <div className="staff-ticket__columns">
        <div>
          <TicketThread messages={messages} viewer="staff" />
          {ticket.status === 'closed' ? (
            <p className="ticket-page__closed">Closed by the customer; they can reopen it.</p>
          ) : (
            <StaffReplyForm ticketId={ticket.id} />
          )}
        </div>
        {ticket.category === 'billing' && <CustomerPanel ticketId={ticket.id} />}
      </div>
    </div>
  );
}

function TicketControls({
  ticketId,
  status,
  priority,
}: {
  ticketId: string;
  status: TicketStatus;
  priority: TicketPriority;
}) {
  const update = useStaffUpdate(ticketId);
  return (
    <div className="staff-ticket__controls">
      <Field label="Status">
        <Select
          options={statusOptions}
          value={status}
          disabled={update.isPending}
          onValueChange={(value) => value && update.mutate({ status: value })}
        />
      </Field>
      <Field label="Priority">
        <Select
          options={priorityOptions}
          value={priority}
          disabled={update.isPending}
          onValueChange={(value) => value && update.mutate({ priority: value })}
        />
      </Field>
      {update.isError && (
        <ErrorState error={update.error} title="The ticket could not be updated" headingLevel="h3" />
      )}
    </div>
  );
}

function StaffReplyForm({ ticketId }: { ticketId: string }) {
  const [body, setBody] = useState('');
  // One id per reply being written: a retry after a lost response is the same reply.
  const [messageId, setMessageId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string>();
  const reply = useStaffReply(ticketId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setError('Write a reply first.');
    setError(undefined);
    reply.mutate(
      { messageId, body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          setMessageId(crypto.randomUUID());
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="ticket-reply">
      <Field
        label="Staff reply"
        error={error}
        hint="The customer is notified in the app and by email. Markdown works."
      >
        <Textarea value={body} rows={5} maxLength={10000} onChange={(e) => setBody(e.target.value)} />
      </Field>
      {reply.isError && <ErrorState error={reply.error} title="The reply was not sent" headingLevel="h3" />}
      <Button type="submit" loading={reply.isPending}>
        Send reply
      </Button>
    </form>
  );
}
