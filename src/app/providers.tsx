import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { createToastStore, ToastProvider, type ToastStore } from '@/components/ui';
import { createQueryClient, type QueryClientHooks } from '@/lib/query-client';
import { AppErrorBoundary } from './error-boundary';
import { SessionProvider } from '@/lib/auth';

interface AppProvidersProps {
  children: ReactNode;
  /** Tests pass their own factory, e.g. to turn retries off or keep a handle on the cache. */
  makeQueryClient?: (hooks: QueryClientHooks) => QueryClient;
}

/** Everything the pages rely on: error boundary, toasts, the query cache and the session. */
export function AppProviders({ children, makeQueryClient = createQueryClient }: AppProvidersProps) {
  const [toasts] = useState<ToastStore>(createToastStore);
  const [queryClient] = useState(() =>
    makeQueryClient({
      onMutationError: (error) => toasts.error(error),
      onBackgroundQueryError: (error) => toasts.error(error, 'Could not refresh'),
    }),
  );
  return (
    <AppErrorBoundary>
      <ToastProvider store={toasts}>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>{children}</SessionProvider>
        </QueryClientProvider>
      </ToastProvider>
    </AppErrorBoundary>
  );
}
