import type { ReactNode } from 'react';
import { cx } from '@/components/ui';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/**
 * The frame around every page: skip link, header, the page, footer. App-like pages (the chat)
 * fill the window instead and go without the footer. The SPA's root layout and the prerendered
 * marketing pages (ADR 0083) both render it, so their markup cannot drift apart.
 */
export function PageFrame({
  appShell = false,
  navigating = false,
  children,
}: {
  appShell?: boolean;
  navigating?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={cx('app-shell', appShell && 'app-shell--fixed')}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className={navigating ? 'route-progress is-active' : 'route-progress'} aria-hidden="true" />
      <SiteHeader />
      <main id="main" className="app-main" tabIndex={-1} aria-busy={navigating || undefined}>
        {children}
      </main>
      {!appShell && <SiteFooter />}
    </div>
  );
}
