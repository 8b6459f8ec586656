import { Outlet, ScrollRestoration, useNavigation } from 'react-router';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/** The frame around every page: skip link, header, the page, footer. */
export function RootLayout() {
  const navigation = useNavigation();
  const navigating = navigation.state === 'loading';
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className={navigating ? 'route-progress is-active' : 'route-progress'} aria-hidden="true" />
      <SiteHeader />
      <main id="main" className="app-main" tabIndex={-1} aria-busy={navigating || undefined}>
        <Outlet />
      </main>
      <SiteFooter />
      <ScrollRestoration />
    </div>
  );
}
