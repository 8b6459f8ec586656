import type { RouteObject } from 'react-router';
import { paths } from '@/config/paths';

// Public pages: the help centre and the contact form.
export const helpRoutes: RouteObject[] = [
  {
    path: paths.faq.path,
    lazy: async () => ({ Component: (await import('./components/faq-page')).FaqPage }),
  },
  {
    path: paths.contact.path,
    lazy: async () => ({ Component: (await import('./components/contact-page')).ContactPage }),
  },
];
