import type { RouteObject } from 'react-router';
import { paths } from '@/config/paths';

/** Public pages of the auth flow; each loads its code only when visited. */
export const authRoutes: RouteObject[] = [
  {
    path: paths.signIn.path,
    lazy: async () => ({ Component: (await import('./components/sign-in-page')).SignInPage }),
  },
  {
    path: paths.signUp.path,
    lazy: async () => ({ Component: (await import('./components/sign-up-page')).SignUpPage }),
  },
  {
    path: paths.forgotPassword.path,
    lazy: async () => ({ Component: (await import('./components/forgot-password-page')).ForgotPasswordPage }),
  },
  {
    path: paths.resetPassword.path,
    lazy: async () => ({ Component: (await import('./components/reset-password-page')).ResetPasswordPage }),
  },
];
