import { describeError } from '@/lib/describe-error';
import { Button } from './button';
import { cx } from './cx';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  /** Offered as "Try again"; omit when retrying cannot help. */
  onRetry?: () => void;
  retrying?: boolean;
  headingLevel?: 'h2' | 'h3';
  className?: string;
}

/** A failed load, with what went wrong in words, the request reference and a retry. */
export function ErrorState({
  error,
  title = 'This could not be loaded',
  onRetry,
  retrying = false,
  headingLevel: Heading = 'h2',
  className,
}: ErrorStateProps) {
  const { message, requestId } = describeError(error);
  return (
    <div className={cx('state', 'state--error', className)} role="alert">
      <Heading className="state__title">
        <span className="state__error-icon" aria-hidden="true">
          !
        </span>{' '}
        {title}
      </Heading>
      <p className="state__description">{message}</p>
      {/* For support, not for reading: the request id waits behind "Details". */}
      {requestId && (
        <details className="state__details">
          <summary>Details</summary>
          <p className="state__reference">Request id: {requestId}</p>
        </details>
      )}
      {onRetry && (
        <div className="state__action">
          <Button variant="secondary" onClick={onRetry} loading={retrying}>
            Try again
          </Button>
        </div>
      )}
    </div>
  );
}
