import type { RouteObject } from 'react-router';
import { RequireAdmin } from '@/lib/auth';
import { paths } from '@/config/paths';

const page = (load: () => Promise<{ Component: React.ComponentType }>) => ({ lazy: load });

// The guard is UX: the admin functions refuse anyone but an admin, and RLS guards the tables.
// The support queue (/admin/support) belongs to the support feature; the console links to it.
export const adminRoutes: RouteObject[] = [
  {
    element: <RequireAdmin />,
    children: [
      {
        path: paths.admin.path,
        lazy: async () => ({ Component: (await import('./components/admin-layout')).AdminLayout }),
        children: [
          {
            index: true,
            ...page(async () => ({ Component: (await import('./components/overview-page')).OverviewPage })),
          },
          {
            path: 'revenue',
            ...page(async () => ({ Component: (await import('./components/revenue-page')).RevenuePage })),
          },
          {
            path: 'usage',
            ...page(async () => ({ Component: (await import('./components/usage-page')).UsagePage })),
          },
          {
            path: 'webhooks',
            ...page(async () => ({ Component: (await import('./components/webhooks-page')).WebhooksPage })),
          },
          {
            path: 'users',
            ...page(async () => ({ Component: (await import('./components/users-page')).UsersPage })),
          },
          {
            path: 'users/:userId',
            ...page(async () => ({ Component: (await import('./components/user-page')).UserPage })),
          },
          {
            path: 'catalog',
            ...page(async () => ({ Component: (await import('./components/catalog-page')).CatalogPage })),
          },
          {
            path: 'prices',
            ...page(async () => ({ Component: (await import('./components/prices-page')).PricesPage })),
          },
        ],
      },
    ],
  },
];
