import type { RouteObject } from 'react-router';
import { paths } from '@/config/paths';

export const pricingRoutes: RouteObject[] = [
  {
    path: paths.pricing.path,
    lazy: async () => ({ Component: (await import('./components/pricing-page')).PricingPage }),
  },
];
