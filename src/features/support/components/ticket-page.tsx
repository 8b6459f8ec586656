import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '@/lib/auth';
import { Button, ErrorState, Field, PageSpinner, Textarea } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useTicket } from '../api/get-ticket';
import { usePostReply, useSetTicketStatus } from '../api/ticket-mutations';
import { categoryLabels, formatWhen } from '../labels';
import '../support.css';
import { StatusBadge } from './status-badge';
import { TicketThread } from './ticket-thread';

export function TicketPage() {
  const { ticketId = '' } = useParams();
  const session = useSession();
  const thread = useTicket(ticketId);
  useDocumentTitle(thread.data?.ticket.subject ?? 'Ticket');

  if (thread.isPending) return <PageSpinner label="Loading the ticket" />;
  if (thread.isError)
    return (
      <div className="page container">
        <ErrorState
          error={thread.error}
          title="This ticket could not be loaded"
          onRetry={() => void thread.refetch()}
        />
        <p>
          <Link to={paths.support.getHref()}>Back to support</Link>
        </p>
      </div>
    );

  const { ticket, messages } = thread.data;
  return (
    <div className="page container ticket-page">
      <p>
        <Link to={paths.support.getHref()}>← All tickets</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{ticket.subject}</h1>
          <p className="page-header__lead">
            <StatusBadge status={ticket.status} /> {categoryLabels[ticket.category]} · opened{' '}
            {formatWhen(ticket.created_at)}
            {ticket.chat_session_id && (
              <>
                {' '}
                · about <Link to={paths.chatSession.getHref(ticket.chat_session_id)}>this chat</Link>
              </>
            )}
          </p>
        </div>
        <StatusActions ticketId={ticket.id} status={ticket.status} />
      </header>
      <TicketThread messages={messages} viewer="customer" />
      {ticket.status === 'closed' ? (
        <p className="ticket-page__closed">This ticket is closed. Reopen it to write again.</p>
      ) : (
        <ReplyForm ticketId={ticket.id} authorId={session.user?.id ?? ''} />
      )}
    </div>
  );
}

function StatusActions({ ticketId, status }: { ticketId: string; status: string }) {
  const setStatus = useSetTicketStatus(ticketId);
  return (
    <div className="ticket-page__actions">
      {status === 'closed' || status === 'resolved' ? (
        <Button variant="secondary" loading={setStatus.isPending} onClick={() => setStatus.mutate('open')}>
          Reopen
        </Button>
      ) : (
        <Button variant="secondary" loading={setStatus.isPending} onClick={() => setStatus.mutate('closed')}>
          Close ticket
        </Button>
      )}
      {setStatus.isError && (
        <ErrorState error={setStatus.error} title="The status could not be changed" headingLevel="h3" />
      )}
    </div>
  );
}

function ReplyForm({ ticketId, authorId }: { ticketId: string; authorId: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string>();
  const reply = usePostReply(ticketId, authorId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setError('Write a message first.');
    setError(undefined);
    reply.mutate(body.trim(), { onSuccess: () => setBody('') });
  };
  return (
    <form onSubmit={submit} noValidate className="ticket-reply">
      <Field label="Your reply" error={error} hint="Markdown works.">
        <Textarea value={body} rows={4} maxLength={10000} onChange={(e) => setBody(e.target.value)} />
      </Field>
      {reply.isError && <ErrorState error={reply.error} title="Your reply was not sent" headingLevel="h3" />}
      <Button type="submit" loading={reply.isPending}>
        Send reply
      </Button>
    </form>
  );
}
