import { useState } from 'react';
import { Button, EmptyState, Field, Input, Stat, StatGroup, useToast } from '@/components/ui';
import { useDocumentTitle } from '@/lib/use-document-title';
import type { DeadLetter } from '@/shared/admin-webhooks';
import { useDiscard, useReplay, useWebhookHealth } from '../api/admin-api';
import { formatWhen } from '../format';
import { QueryView } from './query-view';

function DeadLetterRow({ letter }: { letter: DeadLetter }) {
  const toast = useToast();
  const replay = useReplay();
  const discard = useDiscard();
  const [reason, setReason] = useState('');
  return (
    <li className="ticket-list__item" aria-label={`Dead letter ${letter.eventId}`}>
      <div>
        <strong>{letter.type}</strong> · <code>{letter.eventId}</code>
      </div>
      <div className="admin-definition">
        Failed {letter.failureCount} times · replayed {letter.replayCount} · automatic tries{' '}
        {letter.autoRetryCount} · next automatic try {formatWhen(letter.nextRetryAt)}
      </div>
      <div>Last error: {letter.lastError ?? '—'}</div>
      <details>
        <summary>Payload</summary>
        <pre className="admin-payload">{JSON.stringify(letter.payload, null, 2)}</pre>
      </details>
      <div className="admin-form__row">
        <Button
          loading={replay.isPending}
          onClick={() =>
            replay.mutate(letter.id, {
              onSuccess: () => toast.success('Replayed', `${letter.eventId} was processed.`),
              onError: (error) => toast.error(error, 'The replay failed'),
            })
          }
        >
          Replay
        </Button>
        <Field label="Reason to discard">
          <Input value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <Button
          variant="danger"
          disabled={reason.trim().length < 3}
          loading={discard.isPending}
          onClick={() =>
            discard.mutate(
              { id: letter.id, reason },
              {
                onSuccess: () => toast.success('Discarded', `${letter.eventId} left the queue unapplied.`),
                onError: (error) => toast.error(error, 'Could not discard'),
              },
            )
          }
        >
          Discard
        </Button>
      </div>
    </li>
  );
}

/** Webhook health: events by type and status, processing time, failures, the dead-letter queue. */
export function WebhooksPage() {
  useDocumentTitle('Webhooks · Admin');
  const health = useWebhookHealth();
  return (
    <>
      <header className="page-header">
        <h1>Webhook health</h1>
      </header>
      <QueryView query={health} what="Webhook health">
        {(report) => (
          <>
            <StatGroup>
              <Stat
                label="Processed events"
                value={report.processing.events}
                hint={`Last ${report.days} days`}
              />
              <Stat
                label="Processing p50"
                value={report.processing.p50Ms === null ? '—' : `${report.processing.p50Ms} ms`}
              />
              <Stat
                label="Processing p95"
                value={report.processing.p95Ms === null ? '—' : `${report.processing.p95Ms} ms`}
                hint="From receipt to processed."
              />
              <Stat label="Dead letters" value={report.deadLetters.length} />
            </StatGroup>
            <section className="admin-section" aria-labelledby="dlq">
              <h2 id="dlq">Dead-letter queue</h2>
              {report.deadLetters.length === 0 ? (
                <EmptyState title="No dead letters" description="Every event was processed or resolved." />
              ) : (
                <ul className="ticket-list">
                  {report.deadLetters.map((letter) => (
                    <DeadLetterRow key={letter.id} letter={letter} />
                  ))}
                </ul>
              )}
            </section>
            <table className="admin-table">
              <caption>Events by type and status</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Events
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.byTypeAndStatus.map((row) => (
                  <tr key={`${row.type}/${row.status}`}>
                    <td>{row.type}</td>
                    <td>{row.status}</td>
                    <td className="num">{row.events}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="admin-table">
              <caption>Latest failures</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {report.recentFailures.map((failure, index) => (
                  <tr key={`${failure.at}/${index}`}>
                    <td>{formatWhen(failure.at)}</td>
                    <td>
                      {failure.type} <code>{failure.eventId}</code>
                    </td>
                    <td>{failure.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryView>
    </>
  );
}
