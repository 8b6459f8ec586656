import type { RouteObject } from 'react-router';
import { paths } from '@/config/paths';

export const marketplaceRoutes: RouteObject[] = [
  {
    path: paths.marketplace.path,
    lazy: async () => ({ Component: (await import('./components/marketplace-page')).MarketplacePage }),
  },
  {
    path: paths.employee.path,
    lazy: async () => ({ Component: (await import('./components/employee-page')).EmployeePage }),
  },
];
