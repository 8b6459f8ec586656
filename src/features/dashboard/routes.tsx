import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const dashboardRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.dashboard.path,
        lazy: async () => ({ Component: (await import('./components/dashboard-page')).DashboardPage }),
      },
    ],
  },
];
