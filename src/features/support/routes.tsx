import type { RouteObject } from 'react-router';
import { RequireAdmin, RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

export const supportRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      {
        path: paths.support.path,
        lazy: async () => ({ Component: (await import('./components/support-page')).SupportPage }),
      },
      {
        path: paths.supportTicket.path,
        lazy: async () => ({ Component: (await import('./components/ticket-page')).TicketPage }),
      },
    ],
  },
  {
    // Staff pages: the guard is UX; RLS and the admin-only functions are what protect the data.
    element: <RequireAdmin />,
    children: [
      {
        path: paths.adminSupport.path,
        lazy: async () => ({ Component: (await import('./components/staff-queue-page')).StaffQueuePage }),
      },
      {
        path: paths.adminSupportTicket.path,
        lazy: async () => ({ Component: (await import('./components/staff-ticket-page')).StaffTicketPage }),
      },
    ],
  },
];
