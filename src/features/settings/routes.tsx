import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const settingsRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.settings.path,
        lazy: async () => ({ Component: (await import('./components/settings-page')).SettingsPage }),
      },
      // The profile picture had a page of its own before settings existed; old links still work.
      { path: '/settings/avatar', element: <Navigate to={paths.settings.getHref()} replace /> },
    ],
  },
];
