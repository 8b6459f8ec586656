import { Button } from '@/components/ui';

interface ErrorFallbackProps {
  error: unknown;
  /** Re-renders the failed part of the page. */
  onRetry: () => void;
  title?: string;
}

/**
 * What a user sees when part of the app crashed: a plain apology, a way out, and — in
 * development only — the error itself.
 */
export function ErrorFallback({ error, onRetry, title = 'Something went wrong' }: ErrorFallbackProps) {
  return (
    <div className="error-fallback" role="alert">
      <h1 className="error-fallback__title">{title}</h1>
      <p>
        An unexpected error stopped this page from working. Try again, and if it keeps happening, reload the
        page or come back in a few minutes. Our team has been notified.
      </p>
      <div className="error-fallback__actions">
        <Button onClick={onRetry}>Try again</Button>
        <Button variant="secondary" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
        <a className="btn btn--ghost btn--md" href="/">
          Go to the home page
        </a>
      </div>
      {import.meta.env.DEV && <DevErrorDetails error={error} />}
    </div>
  );
}

function DevErrorDetails({ error }: { error: unknown }) {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n\n${error.stack ?? ''}` : String(error);
  return (
    <details className="error-fallback__details">
      <summary>Error details (development only)</summary>
      <pre>{text}</pre>
    </details>
  );
}
