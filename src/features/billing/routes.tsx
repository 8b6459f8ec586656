import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const billingRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.billing.path,
        lazy: async () => ({ Component: (await import('./components/billing-page')).BillingPage }),
      },
    ],
  },
];
