import { NavLink } from 'react-router';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';

const publicLinks = [
  { to: paths.marketplace.getHref(), label: 'Marketplace' },
  { to: paths.pricing.getHref(), label: 'Pricing' },
];

const memberLinks = [
  { to: paths.dashboard.getHref(), label: 'Dashboard' },
  { to: paths.workforce.getHref(), label: 'Workforce' },
  { to: paths.chat.getHref(), label: 'Chat' },
  { to: paths.teamRuns.getHref(), label: 'Team runs' },
  { to: paths.workflows.getHref(), label: 'Workflows' },
  { to: paths.billing.getHref(), label: 'Billing' },
  { to: paths.support.getHref(), label: 'Support' },
];

export function MainNav({ id, onNavigate }: { id: string; onNavigate?: () => void }) {
  const { status } = useSession();
  const links = status === 'signed-in' ? [...publicLinks, ...memberLinks] : publicLinks;
  return (
    <nav className="main-nav" id={id} aria-label="Main">
      <ul className="main-nav__list">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} className="main-nav__link" onClick={onNavigate}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
