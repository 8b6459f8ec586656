import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const workflowRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.workflows.path,
        lazy: async () => ({ Component: (await import('./components/workflows-page')).WorkflowsPage }),
      },
      {
        path: paths.workflow.path,
        lazy: async () => ({ Component: (await import('./components/workflow-page')).WorkflowPage }),
      },
      {
        path: paths.workflowRun.path,
        lazy: async () => ({ Component: (await import('./components/workflow-run-page')).WorkflowRunPage }),
      },
    ],
  },
];
