import { useRef, useState, type KeyboardEvent } from 'react';
import { NavLink } from 'react-router';
import { Menu } from '@/components/ui';
import { paths } from '@/config/paths';
import { sessionTitleMaxLength, type ChatSession } from '../schemas';

interface SessionItemProps {
  session: ChatSession;
  onRename(title: string): void;
  onDelete(): void;
  /** Called when the chat is opened (the phone drawer closes). */
  onOpen?: () => void;
}

/**
 * One chat in the sidebar: its link (the only Tab stop, so the list is quick to pass), and its
 * actions — Rename (inline: Enter saves, Escape cancels) and Delete — in a menu reached with
 * ArrowRight from the link, or by pointer.
 */
export function SessionItem({ session, onRename, onDelete, onOpen }: SessionItemProps) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(session.title);
  const link = useRef<HTMLAnchorElement>(null);
  const actions = useRef<HTMLButtonElement>(null);

  const startEditing = () => {
    setTitle(session.title);
    setEditing(true);
  };
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => link.current?.focus());
  };
  const save = () => {
    const trimmed = title.trim();
    stopEditing();
    if (trimmed && trimmed !== session.title) onRename(trimmed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
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
      <NavLink
        ref={link}
        to={paths.chatSession.getHref(session.id)}
        className="chat-sessions__link"
        title={session.title}
        aria-keyshortcuts="ArrowRight"
        onClick={onOpen}
        onKeyDown={(event) => {
          if (event.key === 'ArrowRight') {
            event.preventDefault();
            actions.current?.focus();
          }
        }}
      >
        <span className="chat-sessions__title">{session.title}</span>
      </NavLink>
      <Menu
        className="chat-sessions__actions"
        label={`Actions for ${session.title}`}
        triggerRef={actions}
        triggerProps={{
          tabIndex: -1,
          onKeyDown: (event) => {
            if (event.key === 'ArrowLeft') {
              event.preventDefault();
              link.current?.focus();
            }
          },
        }}
        items={[
          { label: 'Rename', onSelect: startEditing },
          { label: 'Delete', onSelect: onDelete, tone: 'danger' },
        ]}
      >
        <span aria-hidden="true">⋯</span>
      </Menu>
    </li>
  );
}
