import { Badge, Button, Card, EmptyState, ErrorState, SkeletonText, useToast } from '@/components/ui';
import { useSecurityEvents } from '../api/account';
import { useEndSession, useSessions, useSignOutOthers } from '../api/sessions';
import { deviceName } from '../device-name';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const formatWhen = (iso: string) => when.format(new Date(iso));

/** audit_logs actions, as a person reads them (auth.* are written by the database, ADR 0072). */
const actionLabels: Record<string, string> = {
  'account.export': 'Data export downloaded',
  'account.deletion_requested': 'Account deletion requested',
  'account.deleted': 'Account deleted',
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'auth.password_changed': 'Password changed',
  'auth.password_removed': 'Password removed',
  'auth.email_change_requested': 'Email change requested',
  'auth.email_changed': 'Email address changed',
};

export function SecuritySection({ userId }: { userId: string }) {
  return (
    <Card as="section" title="Sessions and security" titleAs="h2">
      <div className="settings-stack">
        <SessionsList userId={userId} />
        <SecurityEvents userId={userId} />
      </div>
    </Card>
  );
}

function SessionsList({ userId }: { userId: string }) {
  const sessions = useSessions(userId);
  const endSession = useEndSession(userId);
  const signOutOthers = useSignOutOthers(userId);
  const toast = useToast();
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;

  return (
    <>
      <div className="settings-row">
        <h3>Signed-in devices</h3>
        <Button
          variant="secondary"
          loading={signOutOthers.isPending}
          disabled={others === 0}
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
      {sessions.isPending ? (
        <SkeletonText lines={2} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <ul className="settings-sessions" aria-label="Signed-in devices">
          {sessions.data.map((session) => (
            <li key={session.id}>
              <div>
                <strong title={session.user_agent ?? undefined}>{deviceName(session.user_agent)}</strong>
                {session.current && <Badge tone="accent">This device</Badge>}
                <p className="settings-note">
                  {session.ip ? `${session.ip} · ` : ''}signed in {formatWhen(session.created_at)}
                  {session.refreshed_at ? ` · last active ${formatWhen(session.refreshed_at)}` : ''}
                </p>
              </div>
              {!session.current && (
                <Button
                  size="sm"
                  variant="secondary"
                  loading={endSession.isPending && endSession.variables === session.id}
                  aria-label={`Sign out ${deviceName(session.user_agent)}, signed in ${formatWhen(session.created_at)}`}
                  onClick={() =>
                    endSession.mutate(session.id, {
                      onSuccess: () => toast.success('That device is signed out.'),
                      onError: (error) => toast.error(error, 'Sign out failed'),
                    })
                  }
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function SecurityEvents({ userId }: { userId: string }) {
  const events = useSecurityEvents(userId);
  return (
    <>
      <h3>Recent security events</h3>
      {events.isPending ? (
        <SkeletonText lines={3} />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.length === 0 ? (
        <EmptyState
          title="Nothing yet"
          description="Sign-ins, password and email changes, exports appear here."
        />
      ) : (
        <ul className="settings-events">
          {events.data.map((event) => (
            <li key={event.id}>
              <strong>{actionLabels[event.action] ?? event.action}</strong>{' '}
              <time dateTime={event.created_at}>{formatWhen(event.created_at)}</time>
              {event.user_agent && <span className="settings-note"> · {deviceName(event.user_agent)}</span>}
              {event.ip && <span className="settings-note"> from {event.ip}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
