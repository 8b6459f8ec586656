import { useState, type KeyboardEvent } from 'react';
import { NavLink } from 'react-router';
import { Button } from '@/components/ui';
import { paths } from '@/config/paths';
import { sessionTitleMaxLength, type ChatSession } from '../schemas';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface SessionItemProps {
  session: ChatSession;
  onRename(title: string): void;
  onDelete(): void;
}

/** One chat in the sidebar: a link to it, and Rename (inline: Enter saves, Escape cancels) and Delete. */
export function SessionItem({ session, onRename, onDelete }: SessionItemProps) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(session.title);

  const startEditing = () => {
    setTitle(session.title);
    setEditing(true);
  };
  const save = () => {
    const trimmed = title.trim();
    setEditing(false);
    if (trimmed && trimmed !== session.title) onRename(trimmed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(false);
    }
  };

  if (editing) {
    return (
      <li className="chat-sessions__item">
        <input
          className="input chat-sessions__rename"
          aria-label={`New title for ${session.title}`}
          value={title}
          maxLength={sessionTitleMaxLength}
          autoFocus
          onChange={(event) => setTitle(event.target.value)}
          onKeyDown={onKeyDown}
          // Leaving the field cancels, as Escape does: only Enter saves.
          onBlur={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="chat-sessions__item">
      <NavLink to={paths.chatSession.getHref(session.id)} className="chat-sessions__link">
        <span className="chat-sessions__title">{session.title}</span>
        <time className="chat-sessions__time" dateTime={session.lastActivityAt}>
          {when.format(new Date(session.lastActivityAt))}
        </time>
      </NavLink>
      <div className="chat-sessions__actions">
        <Button variant="ghost" size="sm" aria-label={`Rename ${session.title}`} onClick={startEditing}>
          Rename
        </Button>
        <Button variant="ghost" size="sm" aria-label={`Delete ${session.title}`} onClick={onDelete}>
          Delete
        </Button>
      </div>
    </li>
  );
}
