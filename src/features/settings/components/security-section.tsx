import { Button, Card, EmptyState, ErrorState, SkeletonText, useToast } from '@/components/ui';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
import { useSecurityEvents, useSignOutOthers } from '../api/account';

/** audit_logs actions, as a person reads them. */
const actionLabels: Record<string, string> = {
  'account.export': 'Data export downloaded',
  'account.deletion_requested': 'Account deletion requested',
  'account.deleted': 'Account deleted',
};

export function SecuritySection({ userId }: { userId: string }) {
  const events = useSecurityEvents(userId);
  const signOutOthers = useSignOutOthers();
  const toast = useToast();

  return (
    <Card as="section" title="Sessions and security" titleAs="h2">
      <div className="settings-stack">
        <div className="settings-row">
          <p className="settings-note">
            Signed in on another device you no longer use? End every session but this one.
          </p>
          <Button
            variant="secondary"
            loading={signOutOthers.isPending}
            onClick={() =>
              signOutOthers.mutate(undefined, {
                onSuccess: () => toast.success('Every other session is signed out.'),
                onError: (error) => toast.error(error, 'Sign out failed'),
              })
            }
          >
            Sign out everywhere else
          </Button>
        </div>
        <h3>Recent security events</h3>
        {events.isPending ? (
          <SkeletonText lines={3} />
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : events.data.length === 0 ? (
          <EmptyState title="Nothing yet" description="Exports and deletion requests appear here." />
        ) : (
          <ul className="settings-events">
            {events.data.map((event) => (
              <li key={event.id}>
                <strong>{actionLabels[event.action] ?? event.action}</strong>{' '}
                <time dateTime={event.created_at}>{when.format(new Date(event.created_at))}</time>
                {event.ip && <span className="settings-note"> from {event.ip}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
