import type { ReactNode } from 'react';
import { Badge, Button } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/lazy-markdown';
import { formatCreditsExact } from '@/lib/credits-format';
import type { ChatMessage } from '../schemas';
import { CopyButton } from './copy-button';

export function MessageBubble({
  role,
  content,
  children,
}: {
  role: string;
  content: string;
  children?: ReactNode;
}) {
  return (
    <li className={`chat-message chat-message--${role}`}>
      {/* What people type is shown as typed; answers are markdown, rendered as they stream. */}
      {role === 'assistant' ? (
        <Markdown className="chat-message__content chat-message__content--markdown">{content}</Markdown>
      ) : (
        <p className="chat-message__content">{content}</p>
      )}
      {children}
    </li>
  );
}

/** Under the user's message: its files, and Edit on the last one. */
export function UserMeta({ message, onEdit }: { message: ChatMessage; onEdit?: () => void }) {
  if (message.attachments.length === 0 && !onEdit) return null;
  return (
    <div className="chat-message__meta">
      {message.attachments.length > 0 && (
        <ul className="chat-message__attachments" aria-label="Attached files">
          {message.attachments.map((name, index) => (
            <li key={index}>Attached: {name}</li>
          ))}
        </ul>
      )}
      {onEdit && (
        <Button variant="ghost" size="sm" onClick={onEdit} title="Put this text back in the box to change it">
          Edit
        </Button>
      )}
    </div>
  );
}

interface AssistantMetaProps {
  message: ChatMessage;
  /** The text shown (a stopped answer keeps what was on screen). */
  content: string;
  /** Stopped by the user in this view (its record may still say streaming for a moment). */
  stoppedHere: boolean;
  version: number | undefined;
  onRegenerate?: () => void;
}

/**
 * Under an answer: how it ended and what it cost, who answered (model and employee version), and
 * Copy / Regenerate. A stopped answer says in one line what the charge covers, and the figure
 * once the server has settled it.
 */
export function AssistantMeta({ message, content, stoppedHere, version, onRegenerate }: AssistantMetaProps) {
  const stopped = stoppedHere || message.status === 'stopped';
  const charged = message.credits !== null && message.credits > 0;
  return (
    <>
      {stopped && (
        <p className="chat-message__stopped">
          <Badge tone="warning">Stopped</Badge>{' '}
          {message.credits === null
            ? 'You are charged for what the model produced until it stopped; the amount settles in a moment.'
            : `You are charged for what the model produced until it stopped: ${formatCreditsExact(message.credits)} credits.`}
        </p>
      )}
      <div className="chat-message__meta">
        {/* A failure after some output is billed for that output (ADR 0019). */}
        {message.status === 'error' && (
          <Badge tone="danger">{message.credits ? 'Failed' : 'Failed — nothing charged'}</Badge>
        )}
        {message.status === 'streaming' && !stopped && <Badge>Finishing…</Badge>}
        {(message.model || version !== undefined) && (
          <span className="chat-message__model">
            {[message.model, version !== undefined ? `v${version}` : null].filter(Boolean).join(' · ')}
          </span>
        )}
        {charged && !stopped && <span>{formatCreditsExact(message.credits ?? 0)} credits</span>}
        <span className="chat-message__actions">
          {content && <CopyButton text={content} label="Copy answer" />}
          {onRegenerate && (
            <Button variant="ghost" size="sm" onClick={onRegenerate} aria-label="Regenerate answer">
              Regenerate
            </Button>
          )}
        </span>
      </div>
    </>
  );
}
