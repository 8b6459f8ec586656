import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const workforceRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.workforce.path,
        lazy: async () => ({ Component: (await import('./components/workforce-page')).WorkforcePage }),
      },
    ],
  },
];
