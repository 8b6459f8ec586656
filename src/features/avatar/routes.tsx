import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const avatarRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.accountAvatar.path,
        lazy: async () => ({ Component: (await import('./components/avatar-page')).AvatarPage }),
      },
    ],
  },
];
