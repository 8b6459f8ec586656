import { Markdown } from '@/components/ui/markdown/markdown';
import { formatWhen } from '../labels';
import type { TicketMessage } from '../schemas';

/** The messages of a ticket, rendered as markdown the safe way chat answers are (no HTML, no remote images). */
export function TicketThread({
  messages,
  viewer,
}: {
  messages: TicketMessage[];
  viewer: 'customer' | 'staff';
}) {
  return (
    <ol className="ticket-thread" aria-label="Messages">
      {messages.map((message) => {
        const author = message.is_staff
          ? viewer === 'staff'
            ? 'Staff'
            : 'Support team'
          : viewer === 'staff'
            ? 'Customer'
            : 'You';
        return (
          <li
            key={message.id}
            className={`ticket-message ticket-message--${message.is_staff ? 'staff' : 'customer'}`}
          >
            <p className="ticket-message__meta">
              <strong>{author}</strong> ·{' '}
              <time dateTime={message.created_at}>{formatWhen(message.created_at)}</time>
            </p>
            <Markdown className="ticket-message__body">{message.body}</Markdown>
          </li>
        );
      })}
    </ol>
  );
}
