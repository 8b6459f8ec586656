import { useQuery } from '@tanstack/react-query';
import { Outlet } from 'react-router';
import { ErrorState, PageSpinner } from '@/components/ui';
import { loadSupabase } from '@/lib/supabase-lazy';
import { unwrap } from '@/lib/supabase-result';
import { NotFoundPage } from '@/components/not-found/not-found-page';
import { RequireAuth } from './require-auth';
import { useSession } from './session';

/**
 * Route element for staff pages: signed-in admins (profiles.role, read under RLS) see the child
 * routes; anyone else sees the 404 page, so the staff area does not announce itself. This is UX:
 * RLS policies and the admin-only functions are what protect staff data.
 */
export function RequireAdmin() {
  const session = useSession();
  if (session.status !== 'signed-in') return <RequireAuth />;
  return <AdminOnly userId={session.user.id} />;
}

function AdminOnly({ userId }: { userId: string }) {
  const role = useQuery({
    queryKey: ['profile-role', userId],
    queryFn: async () => {
      const supabase = await loadSupabase();
      return (
        unwrap(await supabase.from('profiles').select('role').eq('id', userId).single()) as { role: string }
      ).role;
    },
    staleTime: 60_000,
  });
  if (role.isPending) return <PageSpinner label="Checking your access" />;
  if (role.isError)
    return (
      <div className="page container">
        <ErrorState
          error={role.error}
          title="Your access could not be checked"
          onRetry={() => void role.refetch()}
        />
      </div>
    );
  return role.data === 'admin' ? <Outlet /> : <NotFoundPage />;
}
