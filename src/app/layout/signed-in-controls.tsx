/**
 * The header's signed-in parts: live-connection status, credit balance, notifications and the
 * account menu. One lazily loaded chunk (site-header.tsx), because they need the Supabase client,
 * zod and the data hooks that a signed-out visitor of a public page should not download (ADR 0067).
 */
import type { User } from '@supabase/auth-js';
import { NotificationsBell } from '@/features/notifications';
import { SignedInMenu } from '../signed-in-menu';
import { HeaderBalance } from './header-balance';
import { LiveStatus } from './live-status';

export default function SignedInControls({ user }: { user: User }) {
  const metadataName = user.user_metadata?.['full_name'];
  return (
    <>
      <LiveStatus />
      <HeaderBalance userId={user.id} />
      <NotificationsBell userId={user.id} />
      <SignedInMenu
        userId={user.id}
        email={user.email ?? 'Your account'}
        name={typeof metadataName === 'string' && metadataName.trim() ? metadataName : null}
      />
    </>
  );
}
