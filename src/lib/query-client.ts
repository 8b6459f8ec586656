/**
 * React Query defaults for the whole app. Failures that retrying cannot fix (4xx) are not
 * retried; network and server failures are, twice, with backoff. Mutation errors are reported
 * through `onMutationError` (the app shows a toast) unless a mutation opts out with
 * `meta: { errorToast: false }` because it shows the error inline, e.g. in a form.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isClientError } from './api-client-error';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Set to false when the component shows the error itself. */
      errorToast?: boolean;
    };
  }
}

const maxRetries = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < maxRetries && !isClientError(error);
}

export interface QueryClientHooks {
  onMutationError?: (error: unknown) => void;
  /** Background refetches of data already on screen fail quietly otherwise. */
  onBackgroundQueryError?: (error: unknown) => void;
}

export function createQueryClient(hooks: QueryClientHooks = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A first load shows its own error state; only a failed refresh of visible data needs a toast.
        if (query.state.data !== undefined) hooks.onBackgroundQueryError?.(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.errorToast !== false) hooks.onMutationError?.(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
      },
      mutations: {
        // A mutation is retried by the user, who sees the error; a silent retry could apply it twice.
        retry: false,
      },
    },
  });
}
