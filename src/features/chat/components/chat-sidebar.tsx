import { useEffect, useRef } from 'react';
import { Button, ButtonLink, cx } from '@/components/ui';
import { paths } from '@/config/paths';
import type { ChatSession } from '../schemas';
import { SessionList } from './session-list';

interface ChatSidebarProps {
  id: string;
  /** The phone drawer is open (on wide screens the sidebar is always shown). */
  open: boolean;
  onClose(): void;
  creating: ChatSession | null;
  onNewChat(): void;
}

/**
 * New chat, search and the chats. On wide screens a column beside the conversation; on phones a
 * drawer over it, opened from the header: focus moves into it, Escape or a chat closes it.
 */
export function ChatSidebar({ id, open, onClose, creating, onNewChat }: ChatSidebarProps) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('a, button, input')?.focus();
  }, [open]);
  return (
    <aside
      ref={panel}
      id={id}
      className={cx('chat__sidebar', open && 'is-open')}
      aria-label="Chats"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="chat__sidebar-top">
        <ButtonLink
          to={paths.chat.getHref()}
          variant="secondary"
          block
          onClick={() => {
            onNewChat();
            if (open) onClose();
          }}
        >
          New chat
        </ButtonLink>
        <Button variant="ghost" size="sm" className="chat__drawer-close" onClick={onClose}>
          Close
        </Button>
      </div>
      <SessionList creating={creating} {...(open ? { onOpen: onClose } : {})} />
    </aside>
  );
}
