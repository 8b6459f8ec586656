import { useEffect, useRef, type ReactNode } from 'react';
import { Badge, Button, ErrorState, Skeleton } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/markdown';
import { useChatMessages } from '../api/get-messages';
import type { ChatMessage } from '../schemas';

const credits = new Intl.NumberFormat();

function MessageBubble({ role, content, children }: { role: string; content: string; children?: ReactNode }) {
  return (
    <li className={`chat-message chat-message--${role}`}>
      {/* What people type is shown as typed; answers are markdown, rendered as they stream. */}
      {role === 'assistant' ? (
        <Markdown className="chat-message__content chat-message__content--markdown">{content}</Markdown>
      ) : (
        <p className="chat-message__content">{content}</p>
      )}
      {children && <div className="chat-message__meta">{children}</div>}
    </li>
  );
}

function StoredMessage({ message }: { message: ChatMessage }) {
  return (
    <MessageBubble
      role={message.role}
      content={message.content || (message.status === 'streaming' ? '…' : '')}
    >
      {message.attachments.length > 0 && (
        <ul className="chat-message__attachments" aria-label="Attached files">
          {message.attachments.map((name, index) => (
            <li key={index}>Attached: {name}</li>
          ))}
        </ul>
      )}
      {message.role === 'assistant' && (
        <>
          {message.status === 'stopped' && <Badge tone="warning">Stopped</Badge>}
          {/* A failure after some output is billed for that output (ADR 0019). */}
          {message.status === 'error' && (
            <Badge tone="danger">{message.credits ? 'Failed' : 'Failed — nothing charged'}</Badge>
          )}
          {message.status === 'streaming' && <Badge>Finishing…</Badge>}
          {message.credits !== null && message.credits > 0 && (
            <span>{credits.format(message.credits)} credits</span>
          )}
        </>
      )}
    </MessageBubble>
  );
}

interface MessageListProps {
  sessionId: string | undefined;
  pendingMessage: string | null;
  draft: string;
  sending: boolean;
}

/** The conversation, oldest at the top, with the answer being streamed at the bottom. */
export function MessageList({ sessionId, pendingMessage, draft, sending }: MessageListProps) {
  const messages = useChatMessages(sessionId);
  const end = useRef<HTMLDivElement>(null);
  const stored = (messages.data?.pages.flat() ?? []).slice().reverse();
  // While an answer streams, its stored placeholder is replaced by the live draft. A failed answer
  // is dropped once the message is answered again (a later answer follows it, or one is
  // streaming for it now: sending with no new message pending).
  const answeringAgain = sending && pendingMessage === null;
  const shown = stored.filter((message, index) => {
    if (sending && message.status === 'streaming') return false;
    if (message.role !== 'assistant' || message.status !== 'error') return true;
    const next = stored[index + 1];
    return next ? next.role !== 'assistant' : !answeringAgain;
  });

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [draft, stored.length, pendingMessage]);

  // A stopped answer is charged once the server has drained it; the live balance
  // (useCreditBalance) shows the charge when it lands, no refresh needed here.

  if (sessionId && messages.isPending) {
    return (
      <div className="chat-messages" aria-busy="true" aria-label="Loading messages">
        <Skeleton height="3rem" />
        <Skeleton height="5rem" />
      </div>
    );
  }
  if (messages.isError) {
    return (
      <ErrorState
        error={messages.error}
        title="These messages could not be loaded"
        onRetry={() => void messages.refetch()}
        retrying={messages.isFetching}
      />
    );
  }
  const pendingStored =
    pendingMessage !== null && shown.at(-1)?.role === 'user' && shown.at(-1)?.content === pendingMessage;
  return (
    <div className="chat-messages">
      {messages.hasNextPage && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => void messages.fetchNextPage()}
          loading={messages.isFetchingNextPage}
        >
          Load older messages
        </Button>
      )}
      <ol className="chat-messages__list" aria-live="polite" aria-busy={sending}>
        {shown.map((message) => (
          <StoredMessage key={message.id} message={message} />
        ))}
        {pendingMessage !== null && !pendingStored && <MessageBubble role="user" content={pendingMessage} />}
        {sending && <MessageBubble role="assistant" content={draft || '…'} />}
      </ol>
      <div ref={end} />
    </div>
  );
}
