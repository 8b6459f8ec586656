import { NavLink, Outlet } from 'react-router';
import { paths } from '@/config/paths';
import '../admin.css';

const sections = [
  { to: paths.admin.getHref(), label: 'Overview', end: true },
  { to: paths.adminRevenue.getHref(), label: 'Revenue' },
  { to: paths.adminUsage.getHref(), label: 'Usage' },
  { to: paths.adminWebhooks.getHref(), label: 'Webhooks' },
  { to: paths.adminUsers.getHref(), label: 'Users' },
  { to: paths.adminCatalog.getHref(), label: 'Catalog' },
  { to: paths.adminPrices.getHref(), label: 'Prices' },
  { to: paths.adminSupport.getHref(), label: 'Support' },
];

/** The admin console's frame: its sections, then the page. */
export function AdminLayout() {
  return (
    <div className="page container admin">
      <nav aria-label="Admin console" className="admin-nav">
        {sections.map((section) => (
          <NavLink key={section.to} to={section.to} end={section.end} className="admin-nav__link">
            {section.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
