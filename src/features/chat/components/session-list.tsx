import { NavLink } from 'react-router';
import { ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { useChatSessions } from '../api/get-sessions';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function SessionList() {
  const sessions = useChatSessions();
  if (sessions.isPending) {
    return (
      <div className="chat-sessions" aria-busy="true" aria-label="Loading your chats">
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} height="2.5rem" />
        ))}
      </div>
    );
  }
  if (sessions.isError) {
    return (
      <ErrorState
        error={sessions.error}
        title="Your chats could not be loaded"
        onRetry={() => void sessions.refetch()}
        retrying={sessions.isFetching}
        headingLevel="h3"
      />
    );
  }
  if (sessions.data.length === 0) return <p className="chat-sessions__empty">No chats yet.</p>;
  return (
    <nav aria-label="Your chats">
      <ul className="chat-sessions">
        {sessions.data.map((session) => (
          <li key={session.id}>
            <NavLink to={paths.chatSession.getHref(session.id)} className="chat-sessions__link">
              <span className="chat-sessions__title">{session.title}</span>
              <time className="chat-sessions__time" dateTime={session.lastActivityAt}>
                {when.format(new Date(session.lastActivityAt))}
              </time>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
