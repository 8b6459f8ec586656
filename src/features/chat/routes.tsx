import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';

const chatPage = async () => ({ Component: (await import('./components/chat-page')).ChatPage });

export const chatRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      { path: paths.chat.path, lazy: chatPage },
      { path: paths.chatSession.path, lazy: chatPage },
    ],
  },
];
