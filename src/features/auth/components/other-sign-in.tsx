/**
 * The other ways in, under the password form: GitHub, Google, and a sign-in link by email
 * (magic link). OAuth leaves for the provider and comes back to the sign-in page, which forwards
 * a signed-in visitor to where they were going, or shows the provider's refusal.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Field, Input } from '@/components/ui';
import { paths } from '@/config/paths';
import { useEmailLinkSignIn, useOAuthSignIn, type OAuthProvider } from '../api/auth-mutations';
import { authErrorMessage } from '../auth-error-message';
import { FormAlert, FormSuccess } from './auth-layout';

const PROVIDERS: Array<{ id: OAuthProvider; label: string }> = [
  { id: 'github', label: 'Continue with GitHub' },
  { id: 'google', label: 'Continue with Google' },
];

interface OtherSignInProps {
  /** Sign-up also creates the account for an email link; sign-in does not. */
  mode: 'sign-in' | 'sign-up';
}

export function OtherSignIn({ mode }: OtherSignInProps) {
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next') ?? undefined;
  // Back to the sign-in page: it forwards a signed-in visitor to `next`, and shows refusals.
  const returnPath = paths.signIn.getHref(next);
  const oauth = useOAuthSignIn();
  const emailLink = useEmailLinkSignIn();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [emailError, setEmailError] = useState<string | undefined>();
  // A provider's refusal comes back as `?error=…`; its text is for developers, so say it plainly.
  const refused = searchParams.get('error') !== null;

  const sendLink = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('linkEmail') ?? '').trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      setEmailError('Enter the email address to send the link to.');
      return;
    }
    setEmailError(undefined);
    emailLink.mutate(
      { email, returnPath, createAccount: mode === 'sign-up' },
      { onSuccess: () => setSentTo(email) },
    );
  };

  return (
    <div className="auth-other">
      <p className="auth-other__divider">
        <span>or</span>
      </p>
      <FormAlert
        message={
          oauth.error
            ? authErrorMessage(oauth.error)
            : refused
              ? 'Signing in with the provider was cancelled or refused. Try again, or use another way in.'
              : null
        }
      />
      {PROVIDERS.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          block
          loading={oauth.isPending && oauth.variables?.provider === provider.id}
          onClick={() => oauth.mutate({ provider: provider.id, returnPath })}
        >
          {provider.label}
        </Button>
      ))}
      {sentTo ? (
        <FormSuccess title="Check your email">
          <p>
            We sent a sign-in link to <strong>{sentTo}</strong>. It works once and expires in one hour.
          </p>
        </FormSuccess>
      ) : (
        <form className="auth-other__link" onSubmit={sendLink} noValidate aria-label="One-time sign-in link">
          <FormAlert message={emailLink.error ? authErrorMessage(emailLink.error) : null} />
          <Field label="Address for a one-time sign-in link" error={emailError}>
            <Input name="linkEmail" type="email" autoComplete="email" inputMode="email" />
          </Field>
          <Button type="submit" variant="secondary" block loading={emailLink.isPending}>
            Send link
          </Button>
        </form>
      )}
    </div>
  );
}
