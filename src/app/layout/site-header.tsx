import { useId, useState } from 'react';
import { cx } from '@/components/ui';
import { NotificationsBell } from '@/features/notifications';
import { AccountMenu } from '../account-slot';
import { useSession } from '@/lib/auth';
import { HeaderBalance } from './header-balance';
import { LiveStatus } from './live-status';
import { Logo } from './logo';
import { MainNav } from './main-nav';

export function SiteHeader() {
  const navId = useId();
  // On small screens the navigation folds behind a "Menu" button.
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
          <LiveStatus />
          {session.status === 'signed-in' && <HeaderBalance userId={session.user.id} />}
          {session.status === 'signed-in' && <NotificationsBell userId={session.user.id} />}
          <AccountMenu />
        </div>
      </div>
    </header>
  );
}
