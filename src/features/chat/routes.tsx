import type { RouteObject } from 'react-router';
import { RequireAuth } from '@/lib/auth';
import { paths } from '@/config/paths';
import type { RouteHandle } from '@/lib/route-handle';

const chatPage = async () => ({ Component: (await import('./components/chat-page')).ChatPage });
// The chat is an app: full height, its own scrolling panes, no site footer.
const handle: RouteHandle = { appShell: true };

export const chatRoutes: RouteObject[] = [
  {
    element: <RequireAuth />,
    children: [
      { path: paths.chat.path, lazy: chatPage, handle },
      { path: paths.chatSession.path, lazy: chatPage, handle },
    ],
  },
];
