import { lazy, Suspense, useId, useState } from 'react';
import { cx } from '@/components/ui';
import { AccountPlaceholder, SignedOutLinks } from '../account-slot';
import { useSession } from '@/lib/auth';
import { Logo } from './logo';
import { MainNav } from './main-nav';

// Signed-in only, and the reason public pages can go without the Supabase client (ADR 0067).
const SignedInControls = lazy(() => import('./signed-in-controls'));

export function SiteHeader() {
  const navId = useId();
  // On small screens the navigation folds behind a "Menu" button. (The prerendered marketing
  // pages wire the same toggle without React: src/app/marketing/header-menu.ts, ADR 0083.)
  const [menuOpen, setMenuOpen] = useState(false);
  const session = useSession();

  return (
    <header className="site-header">
      <div className="site-header__inner container">
        <Logo />
        <button
          type="button"
          className="site-header__menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true" className="site-header__menu-icon" />
          Menu
        </button>
        <div className={cx('site-header__collapsible', menuOpen && 'is-open')}>
          <MainNav id={navId} onNavigate={() => setMenuOpen(false)} />
          {session.status === 'signed-out' && <SignedOutLinks />}
          {session.status === 'loading' && <AccountPlaceholder />}
          {session.status === 'signed-in' && (
            <Suspense fallback={<AccountPlaceholder />}>
              <SignedInControls user={session.user} />
            </Suspense>
          )}
        </div>
      </div>
    </header>
  );
}
