import { useSession } from '@/lib/auth';
import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';

/** "Get started free" for visitors; members already have an account, so it takes them to it. */
export function PrimaryCallToAction() {
  const { status } = useSession();
  return status === 'signed-in' ? (
    <ButtonLink to={paths.dashboard.getHref()} size="lg">
      Go to your dashboard
    </ButtonLink>
  ) : (
    <ButtonLink to={paths.signUp.getHref()} size="lg">
      Get started free
    </ButtonLink>
  );
}
