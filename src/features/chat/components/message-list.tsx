import { useEffect, useLayoutEffect, useRef } from 'react';
import { Button, ErrorState, Skeleton } from '@/components/ui';
import { useChatMessages } from '../api/get-messages';
import { useVersionNumbers } from '../api/get-versions';
import type { AnswerPhase } from '../hooks/answer-state';
import type { ChatMessage } from '../schemas';
import { AssistantMeta, MessageBubble, UserMeta } from './message-bubble';
import { Thinking } from './thinking';

export interface LiveAnswer {
  phase: AnswerPhase;
  pendingMessage: string | null;
  draft: string;
  sentAt: number | null;
  answerId: string | null;
  /** Answers stopped in this view: the text that was on screen, by answer id. */
  stopped: Readonly<Record<string, string>>;
}

interface MessageListProps {
  sessionId: string | undefined;
  live: LiveAnswer;
  /** Asks the last message again (a new exchange; the earlier answer stays above). */
  onRegenerate?(message: ChatMessage): void;
  /** Puts the last message back in the composer, to edit and send again. */
  onEdit?(message: ChatMessage): void;
}

/** Within this many pixels of the bottom, new text keeps the pane scrolled to the end. */
const stickToBottomPx = 80;

/**
 * The conversation, oldest at the top, with the answer being streamed at the bottom. It scrolls
 * by itself (the composer stays put); while the reader is at the end it follows the answer, and
 * it leaves them where they are once they scroll up to read.
 */
export function MessageList({ sessionId, live, onRegenerate, onEdit }: MessageListProps) {
  const messages = useChatMessages(sessionId);
  const pane = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const stored = (messages.data?.pages.flat() ?? []).slice().reverse();
  const sending = live.phase !== 'idle';
  const versions = useVersionNumbers(
    stored.flatMap((message) => (message.versionId ? [message.versionId] : [])),
  );
  // While an answer streams, its stored placeholder is replaced by the live draft. A failed answer
  // is dropped once the message is answered again (a later answer follows it, or one is
  // streaming for it now: sending with no new message pending).
  const answeringAgain = sending && live.pendingMessage === null;
  const shown = stored.filter((message, index) => {
    // The answer being streamed is the live bubble until the stream has ended, even once its
    // stored row (refetched as the stream ends) says complete: never both at once.
    const beingStreamed = message.status === 'streaming' || message.id === live.answerId;
    if (sending && beingStreamed && !(message.id in live.stopped)) return false;
    if (message.role !== 'assistant' || message.status !== 'error') return true;
    const next = stored[index + 1];
    return next ? next.role !== 'assistant' : !answeringAgain;
  });

  // A new message of the user's own always scrolls to the end.
  useEffect(() => {
    if (live.pendingMessage !== null) atBottom.current = true;
  }, [live.pendingMessage]);
  useLayoutEffect(() => {
    const element = pane.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [live.draft, live.phase, stored.length, live.pendingMessage, sessionId]);
  // Content that grows after it rendered (highlighting, version numbers) or a pane that shrinks
  // (the composer grows, the cost line wraps) keeps a reader who was at the end at the end.
  const list = useRef<HTMLOListElement>(null);
  const hasList = !messages.isPending && !messages.isError;
  useEffect(() => {
    const element = pane.current;
    const content = list.current;
    if (!element || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(content);
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasList]);

  if (sessionId && messages.isPending) {
    return (
      <div className="chat-messages" role="status" aria-busy="true" aria-label="Loading messages">
        <Skeleton height="3rem" />
        <Skeleton height="5rem" />
      </div>
    );
  }
  if (messages.isError) {
    return (
      <div className="chat-messages">
        <ErrorState
          error={messages.error}
          title="These messages could not be loaded"
          onRetry={() => void messages.refetch()}
          retrying={messages.isFetching}
        />
      </div>
    );
  }
  const last = shown.at(-1);
  const pendingStored =
    live.pendingMessage !== null && last?.role === 'user' && last.content === live.pendingMessage;
  const lastUser = shown.findLast((message) => message.role === 'user');
  return (
    <div
      className="chat-messages"
      ref={pane}
      tabIndex={0}
      // Focusable so the keyboard can scroll it; a named region so that focus says what it is.
      role="region"
      aria-label="Conversation history"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < stickToBottomPx;
      }}
    >
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
      <ol className="chat-messages__list" aria-busy={sending} ref={list}>
        {shown.map((message) => {
          const keptText = live.stopped[message.id];
          if (message.role !== 'assistant') {
            return (
              <MessageBubble key={message.id} role={message.role} content={message.content}>
                <UserMeta
                  message={message}
                  {...(onEdit && !sending && message === lastUser ? { onEdit: () => onEdit(message) } : {})}
                />
              </MessageBubble>
            );
          }
          // Stopped here: the text the user was reading stays, not the longer one the server drained.
          const content = keptText ?? message.content;
          return (
            <MessageBubble
              key={message.id}
              role="assistant"
              content={content || (message.status === 'streaming' ? '…' : '')}
            >
              <AssistantMeta
                message={message}
                content={content}
                stoppedHere={keptText !== undefined}
                version={message.versionId ? versions.data?.get(message.versionId) : undefined}
                {...(onRegenerate && !sending && message === last && lastUser
                  ? { onRegenerate: () => onRegenerate(lastUser) }
                  : {})}
              />
            </MessageBubble>
          );
        })}
        {live.pendingMessage !== null && !pendingStored && (
          <MessageBubble role="user" content={live.pendingMessage} />
        )}
        {live.phase === 'thinking' && live.sentAt !== null && (
          <li className="chat-message chat-message--assistant">
            <Thinking since={live.sentAt} />
          </li>
        )}
        {live.phase === 'streaming' && !(live.answerId !== null && live.answerId in live.stopped) && (
          <MessageBubble role="assistant" content={live.draft} />
        )}
      </ol>
    </div>
  );
}
