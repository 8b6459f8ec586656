import { Navigate, Outlet, useLocation } from 'react-router';
import { PageSpinner } from '@/components/ui';
import { paths } from '@/config/paths';
import { useSession } from './session';

/**
 * Route element for pages that need a signed-in user: renders the child routes, or sends the
 * visitor to sign in and back here afterwards. Use it as the parent of a feature's private routes:
 * `{ element: <RequireAuth />, children: [...] }`. RLS is what protects the data; this is UX.
 */
export function RequireAuth() {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageSpinner label="Checking your session" />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={paths.signIn.getHref(next)} replace />;
  }
  return <Outlet />;
}
