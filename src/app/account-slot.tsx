/**
 * The account area at the right of the header while nobody is signed in: links to sign in and
 * sign up, or a placeholder while the session is being read. The signed-in menu is loaded with
 * the other signed-in header parts (signed-in-menu.tsx, layout/signed-in-controls.tsx).
 */
import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';

export function AccountPlaceholder() {
  return <div className="account-slot account-slot--loading" aria-hidden="true" />;
}

export function SignedOutLinks() {
  return (
    <div className="account-slot">
      <ButtonLink to={paths.signIn.getHref()} variant="ghost" size="sm">
        Sign in
      </ButtonLink>
      <ButtonLink to={paths.signUp.getHref()} size="sm">
        Get started
      </ButtonLink>
    </div>
  );
}
