/**
 * The header bell: the unread count, live; a panel with the latest notifications, each marked
 * read when opened or with its button; "Mark all as read".
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorState, Skeleton } from '@/components/ui';
import { useLatestNotifications, useUnreadCount } from '../api/get-notifications';
import { useMarkNotificationsRead } from '../api/mark-read';
import type { AppNotification } from '../schemas';
import '../notifications.css';

const kindLabels: Record<string, string> = {
  usage_alert: 'Usage',
  billing: 'Billing',
  team_run: 'Team run',
  workflow: 'Workflow',
  support: 'Support',
  product: 'Product',
  system: 'System',
};

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function ago(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relativeTime.format(Math.round(seconds / size), unit);
  }
  return relativeTime.format(0, 'minute');
}

export function NotificationsBell({ userId }: { userId: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const unread = useUnreadCount(userId);
  const count = unread.data ?? 0;

  useEffect(() => {
    if (!open) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutside);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [open]);

  const label = count === 0 ? 'Notifications' : `Notifications, ${count} unread`;
  return (
    <div className="notifications" ref={containerRef}>
      <button
        type="button"
        className="notifications__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true" className="notifications__icon" />
        {count > 0 && (
          <span className="notifications__count" aria-hidden="true" data-testid="notifications-unread">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <NotificationsPanel id={panelId} userId={userId} unread={count} onNavigate={() => setOpen(false)} />
      )}
    </div>
  );
}

function NotificationsPanel({
  id,
  userId,
  unread,
  onNavigate,
}: {
  id: string;
  userId: string;
  unread: number;
  onNavigate: () => void;
}) {
  const latest = useLatestNotifications(userId, true);
  const markRead = useMarkNotificationsRead(userId);
  // "5 minutes ago" is measured from when the panel opened.
  const [now] = useState(() => Date.now());

  const open = (notification: AppNotification) => {
    if (!notification.read) markRead.mutate([notification.id]);
    onNavigate();
  };

  return (
    <section id={id} className="notifications__panel" aria-label="Notifications">
      <header className="notifications__header">
        <h2 className="notifications__title">Notifications</h2>
        <Button variant="ghost" size="sm" disabled={unread === 0} onClick={() => markRead.mutate('all')}>
          Mark all as read
        </Button>
      </header>
      {latest.isPending ? (
        <div aria-busy="true" aria-label="Loading notifications">
          <Skeleton height="3rem" />
          <Skeleton height="3rem" />
        </div>
      ) : latest.isError ? (
        <ErrorState
          error={latest.error}
          title="Notifications could not be loaded"
          onRetry={() => void latest.refetch()}
          retrying={latest.isFetching}
        />
      ) : latest.data.length === 0 ? (
        <p className="notifications__empty">You’re all caught up.</p>
      ) : (
        <ul className="notifications__list">
          {latest.data.map((notification) => (
            <li
              key={notification.id}
              className={notification.read ? 'notification' : 'notification is-unread'}
            >
              <div className="notification__text">
                <p className="notification__meta">
                  {kindLabels[notification.kind] ?? 'Notice'} ·{' '}
                  <time dateTime={notification.createdAt}>{ago(notification.createdAt, now)}</time>
                  {!notification.read && <span className="notification__unread"> · Unread</span>}
                </p>
                {notification.link ? (
                  <Link
                    className="notification__title"
                    to={notification.link}
                    onClick={() => open(notification)}
                  >
                    {notification.title}
                  </Link>
                ) : (
                  <p className="notification__title">{notification.title}</p>
                )}
                {notification.body && <p className="notification__body">{notification.body}</p>}
              </div>
              {!notification.read && (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Mark “${notification.title}” as read`}
                  onClick={() => markRead.mutate([notification.id])}
                >
                  Mark read
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
