import { useEffect } from 'react';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { reportError } from '@/lib/error-reporting';
import { ErrorFallback } from './error-fallback';
import { NotFoundPage } from '@/components/not-found/not-found-page';

// A new deploy removes the old hashed chunks: a tab opened before it fails to lazy-load a route.
const isStaleChunk = (error: unknown) =>
  error instanceof Error &&
  /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
    error.message,
  );

/** The router's `errorElement`: a thrown 404 shows the not-found page, anything else the fallback. */
export function RouteError() {
  const error = useRouteError();
  const navigate = useNavigate();
  const notFound = isRouteErrorResponse(error) && error.status === 404;

  useEffect(() => {
    if (!notFound) reportError(error);
  }, [error, notFound]);

  if (notFound) return <NotFoundPage />;
  if (isStaleChunk(error)) {
    return (
      <ErrorFallback
        error={error}
        title="A new version of the app is available"
        onRetry={() => window.location.reload()}
      />
    );
  }
  // Navigating to the current location re-runs the route (and its lazy import).
  return <ErrorFallback error={error} onRetry={() => void navigate('.', { replace: true })} />;
}
