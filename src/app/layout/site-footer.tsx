import { Link } from 'react-router';
import { paths } from '@/config/paths';

const columns = [
  {
    title: 'Product',
    links: [
      { to: paths.marketplace.getHref(), label: 'Marketplace' },
      { to: paths.pricing.getHref(), label: 'Pricing' },
      { to: paths.signUp.getHref(), label: 'Get started free' },
    ],
  },
  {
    title: 'Resources',
    links: [
      { to: paths.blog.getHref(), label: 'Blog' },
      { to: paths.faq.getHref(), label: 'Help centre' },
      { to: paths.support.getHref(), label: 'Support' },
      { to: paths.contact.getHref(), label: 'Contact' },
    ],
  },
];

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner container">
        <div className="site-footer__brand">
          <p className="site-footer__name">AGI Agent Automation</p>
          <p className="site-footer__tagline">
            AI employees you can hire, chat with and put to work — billed by the token.
          </p>
        </div>
        {columns.map((column) => (
          <nav key={column.title} className="site-footer__column" aria-label={column.title}>
            <h2 className="site-footer__heading">{column.title}</h2>
            <ul>
              {column.links.map((link) => (
                <li key={link.to}>
                  <Link to={link.to}>{link.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="site-footer__legal container">
        <p>© {new Date().getFullYear()} AGI Agent Automation. All rights reserved.</p>
      </div>
    </footer>
  );
}
