import { Outlet, ScrollRestoration, useMatches, useNavigation } from 'react-router';
import { cx } from '@/components/ui';
import { wantsAppShell } from '@/lib/route-handle';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/**
 * The frame around every page: skip link, header, the page, footer. App-like pages (the chat,
 * `handle.appShell`) fill the window instead and go without the footer.
 */
export function RootLayout() {
  const navigation = useNavigation();
  const appShell = wantsAppShell(useMatches());
  const navigating = navigation.state === 'loading';
  return (
    <div className={cx('app-shell', appShell && 'app-shell--fixed')}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className={navigating ? 'route-progress is-active' : 'route-progress'} aria-hidden="true" />
      <SiteHeader />
      <main id="main" className="app-main" tabIndex={-1} aria-busy={navigating || undefined}>
        <Outlet />
      </main>
      {!appShell && <SiteFooter />}
      <ScrollRestoration />
    </div>
  );
}
