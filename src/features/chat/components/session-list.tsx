import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ConfirmDialog, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDeleteSession } from '../api/delete-session';
import { useChatSessions } from '../api/get-sessions';
import { useRenameSession } from '../api/rename-session';
import { normaliseSearchTerm } from '@/lib/ilike-pattern';
import type { ChatSession } from '../schemas';
import { groupSessions } from '../session-groups';
import '../session-list.css';
import { SessionItem } from './session-item';

/** Typing pauses this long before the search goes to the server. */
const searchDelayMs = 250;

function useDebouncedSearch(raw: string): string {
  const term = normaliseSearchTerm(raw);
  const [settled, setSettled] = useState(term);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(term), searchDelayMs);
    return () => clearTimeout(timer);
  }, [term]);
  return settled;
}

interface SessionListProps {
  /** A chat the server is creating right now (its first answer streams), shown until it is listed. */
  creating?: ChatSession | null;
  /** A chat was opened from the list (the phone drawer closes). */
  onOpen?: () => void;
}

/** The sidebar's chats: search, then the chats grouped by when they were last active. */
export function SessionList({ creating = null, onOpen }: SessionListProps) {
  const [rawSearch, setRawSearch] = useState('');
  const search = useDebouncedSearch(rawSearch);
  const sessions = useChatSessions(search);
  const rename = useRenameSession();
  const remove = useDeleteSession();
  const [deleting, setDeleting] = useState<ChatSession | null>(null);
  const { sessionId: openSessionId } = useParams<{ sessionId?: string }>();
  const navigate = useNavigate();

  const confirmDelete = (session: ChatSession) => {
    setDeleting(null);
    // The open chat is going away: leave it before it does, to the chat home.
    if (session.id === openSessionId) void navigate(paths.chat.getHref(), { replace: true });
    remove.mutate({ sessionId: session.id });
  };

  return (
    <div className="chat-sessions-panel">
      <input
        type="search"
        className="input chat-sessions__search"
        aria-label="Search your chats"
        placeholder="Search chats"
        value={rawSearch}
        onChange={(event) => setRawSearch(event.target.value)}
      />
      {sessions.isPending ? (
        <div className="chat-sessions" aria-busy="true" aria-label="Loading your chats">
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} height="2.5rem" />
          ))}
        </div>
      ) : sessions.isError ? (
        <ErrorState
          error={sessions.error}
          title="Your chats could not be loaded"
          onRetry={() => void sessions.refetch()}
          retrying={sessions.isFetching}
          headingLevel="h3"
        />
      ) : (
        <SessionGroups
          sessions={
            creating && !search && !sessions.data.some((session) => session.id === creating.id)
              ? [creating, ...sessions.data]
              : sessions.data
          }
          empty={search ? 'No chats match your search.' : 'No chats yet.'}
          onRename={(session, title) => rename.mutate({ sessionId: session.id, title })}
          onDelete={setDeleting}
          onOpen={onOpen}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this chat?"
        description={`“${deleting?.title ?? ''}” and all its messages will be deleted. This cannot be undone.`}
        confirmLabel="Delete chat"
        tone="danger"
        onConfirm={() => deleting && confirmDelete(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}

interface SessionGroupsProps {
  sessions: ChatSession[];
  empty: string;
  onRename(session: ChatSession, title: string): void;
  onDelete(session: ChatSession): void;
  onOpen: (() => void) | undefined;
}

function SessionGroups({ sessions, empty, onRename, onDelete, onOpen }: SessionGroupsProps) {
  if (sessions.length === 0) return <p className="chat-sessions__empty">{empty}</p>;
  return (
    <nav aria-label="Your chats" className="chat-sessions__nav">
      {groupSessions(sessions, new Date()).map((group) => (
        <div key={group.label} className="chat-sessions__group">
          <h2 className="chat-sessions__group-title">{group.label}</h2>
          <ul className="chat-sessions">
            {group.sessions.map((session) => (
              <SessionItem
                key={session.id}
                session={session}
                onRename={(title) => onRename(session, title)}
                onDelete={() => onDelete(session)}
                {...(onOpen ? { onOpen } : {})}
              />
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
