/**
 * The route tree. Each feature exports its routes from `src/features/<name>/routes.tsx` (lazy,
 * so its code loads only when visited); mounting a feature is adding it to `featureRoutes`.
 * Private routes wrap their children in `<RequireAuth />` inside the feature's own routes file.
 */
import type { RouteObject } from 'react-router';
import { PageSpinner } from '@/components/ui';
import { adminRoutes } from '@/features/admin/routes';
import { authRoutes } from '@/features/auth/routes';
import { billingRoutes } from '@/features/billing/routes';
import { blogRoutes } from '@/features/blog/routes';
import { chatRoutes } from '@/features/chat/routes';
import { dashboardRoutes } from '@/features/dashboard/routes';
import { helpRoutes } from '@/features/help/routes';
import { landingRoutes } from '@/features/landing/routes';
import { marketplaceRoutes } from '@/features/marketplace/routes';
import { pricingRoutes } from '@/features/pricing/routes';
import { settingsRoutes } from '@/features/settings/routes';
import { supportRoutes } from '@/features/support/routes';
import { teamRunRoutes } from '@/features/team-runs/routes';
import { workflowRoutes } from '@/features/workflows/routes';
import { workforceRoutes } from '@/features/workforce/routes';
import { RootLayout } from './layout/root-layout';
import { NotFoundPage } from '@/components/not-found/not-found-page';
import { RouteError } from './route-error';

const featureRoutes: RouteObject[] = [
  ...landingRoutes,
  ...authRoutes,
  ...dashboardRoutes,
  ...marketplaceRoutes,
  ...workforceRoutes,
  ...pricingRoutes,
  ...billingRoutes,
  ...chatRoutes,
  ...teamRunRoutes,
  ...workflowRoutes,
  ...supportRoutes,
  ...adminRoutes,
  ...helpRoutes,
  ...blogRoutes,
  ...settingsRoutes,
];

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: RootLayout,
    // Only if the layout itself fails; page errors are caught below, inside the layout.
    errorElement: <RouteError />,
    HydrateFallback: () => <PageSpinner />,
    children: [
      {
        errorElement: <RouteError />,
        children: [...featureRoutes, { path: '*', Component: NotFoundPage }],
      },
    ],
  },
];
