import { Outlet, ScrollRestoration, useMatches, useNavigation } from 'react-router';
import { wantsAppShell } from '@/lib/route-handle';
import { PageFrame } from './page-frame';

/** The SPA's layout: the page frame around the matched route, with the router's progress bar. */
export function RootLayout() {
  const navigation = useNavigation();
  return (
    <>
      <PageFrame appShell={wantsAppShell(useMatches())} navigating={navigation.state === 'loading'}>
        <Outlet />
      </PageFrame>
      <ScrollRestoration />
    </>
  );
}
