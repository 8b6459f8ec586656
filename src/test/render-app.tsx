/**
 * Renders the real app — providers, layout, routes — at a URL, in a memory router, for jsdom
 * tests: `const { router } = renderApp('/marketplace')`. Pass `routes` to mount a test tree.
 */
import './test-env';
import type { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
// RouterProvider from 'react-router' rather than 'react-router/dom': under Node the two entries
// resolve to different builds with separate contexts.
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '@/app/providers';
import { routes as appRoutes } from '@/app/routes';
import { createQueryClient } from '@/lib/query-client';

export function renderApp(url = '/', { routes = appRoutes }: { routes?: RouteObject[] } = {}) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  let queryClient: QueryClient | undefined;
  const makeQueryClient: typeof createQueryClient = (hooks) => {
    queryClient = createQueryClient(hooks);
    // Retries with backoff would only slow down tests of failure states.
    queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
    return queryClient;
  };
  const result = render(
    <AppProviders makeQueryClient={makeQueryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  if (!queryClient) throw new Error('AppProviders did not create a query client.');
  return { ...result, router, queryClient };
}
