import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const teamRunRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.teamRuns.path,
        lazy: async () => ({ Component: (await import('./components/team-runs-page')).TeamRunsPage }),
      },
      {
        path: paths.teamRun.path,
        lazy: async () => ({ Component: (await import('./components/team-run-page')).TeamRunPage }),
      },
    ],
  },
];
