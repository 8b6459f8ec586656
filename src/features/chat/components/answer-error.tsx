import { Button, ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { describeError } from '@/lib/describe-error';

interface AnswerErrorProps {
  error: unknown;
  onDismiss(): void;
  /** Sends the failed message again; omitted when there is nothing to retry. */
  onRetry?: (() => void) | undefined;
}

/** Why the last message got no (full) answer, with the way out where there is one. */
export function AnswerError({ error, onDismiss, onRetry }: AnswerErrorProps) {
  const { message, requestId } = describeError(error);
  const code = isApiClientError(error) ? error.code : undefined;
  const retryAfter = isApiClientError(error) ? error.retryAfterSeconds : undefined;
  return (
    <div className="chat-error" role="alert">
      <div className="chat-error__text">
        <p>
          <span className="chat-error__icon" aria-hidden="true">
            !
          </span>{' '}
          {code === 'RATE_LIMITED' && retryAfter
            ? `${message} You can send again in ${retryAfter} s.`
            : message}
        </p>
        {requestId && (
          <details className="chat-error__details">
            <summary>Details</summary>
            <p className="chat-error__ref">Request id: {requestId}</p>
          </details>
        )}
      </div>
      <div className="chat-error__actions">
        {code === 'INSUFFICIENT_CREDITS' && (
          <ButtonLink to={paths.billing.getHref()} size="sm">
            Get more credits
          </ButtonLink>
        )}
        {/* Without credits a retry can only fail the same way: buying credits is the way out. */}
        {onRetry && code !== 'INSUFFICIENT_CREDITS' && (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Retry
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    </div>
  );
}
