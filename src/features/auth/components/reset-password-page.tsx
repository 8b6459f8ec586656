/**
 * Where the password-reset email lands. supabase-js exchanges the link's `?code=` for a session on
 * start-up (`detectSessionInUrl`, PKCE) and announces PASSWORD_RECOVERY, usually before
 * this lazily loaded page mounts, so the page goes by the session itself: signed in (by the link,
 * or already) means a new password can be set. A failed link arrives with `#error_code=…`.
 */
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '@/lib/auth';
import { Button, Field, Input, PageSpinner, useToast } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useUpdatePassword } from '../api/auth-mutations';
import { authErrorMessage, authErrorMessages } from '../auth-error-message';
import {
  MIN_PASSWORD_LENGTH,
  focusFirstInvalid,
  parseForm,
  resetPasswordSchema,
  type FieldErrors,
} from '../form';
import { loadPasswordChecker, minimumScore, weakPasswordMessage } from '../password-strength';
import { AuthLayout, FormAlert } from './auth-layout';
import { PasswordMeter, usePasswordStrength } from './password-meter';

/** The error GoTrue put in the redirect's fragment, if the link was refused. */
function linkError(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('error_code');
  if (!code && !params.get('error')) return null;
  return (code && authErrorMessages[code]) || authErrorMessages.otp_expired!;
}

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const session = useSession();
  const navigate = useNavigate();
  const toast = useToast();
  const updatePassword = useUpdatePassword();
  const [errors, setErrors] = useState<FieldErrors<'password' | 'confirmPassword'>>({});
  const [refusedLink] = useState(() => linkError(window.location.hash));
  const [typed, setTyped] = useState('');
  const email = session.user?.email ?? '';
  const strength = usePasswordStrength(typed, [email]);
  const meterId = useId();

  if (session.status === 'loading') return <PageSpinner label="Checking your reset link" />;

  if (session.status === 'signed-out') {
    return (
      <AuthLayout title="This link cannot be used">
        <FormAlert message={refusedLink ?? authErrorMessages.otp_expired!} />
        <p>
          <Link to={paths.forgotPassword.getHref()}>Request a new reset link</Link>
        </p>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = parseForm(resetPasswordSchema, new FormData(form));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusFirstInvalid(form, parsed.errors);
      return;
    }
    const { password } = parsed.values;
    // The same strength rule as sign-up.
    void loadPasswordChecker().then((check) => {
      const scored = check(password, [email]);
      if (scored.score < minimumScore) {
        const found = { password: weakPasswordMessage(scored) };
        setErrors(found);
        focusFirstInvalid(form, found);
        return;
      }
      setErrors({});
      updatePassword.mutate(password, {
        onSuccess: () => {
          toast.success('Password changed', 'Use your new password the next time you sign in.');
          navigate(paths.dashboard.getHref(), { replace: true });
        },
      });
    });
  };

  return (
    <AuthLayout
      title="Choose a new password"
      lead={
        <>
          For <strong>{session.user.email}</strong>. Other devices signed in to this account will be signed
          out.
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormAlert message={updatePassword.error ? authErrorMessage(updatePassword.error) : null} />
        <Field
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters and hard to guess.`}
          error={errors.password}
          required
        >
          <Input
            name="password"
            type="password"
            autoComplete="new-password"
            aria-describedby={meterId}
            onChange={(event) => setTyped(event.target.value)}
          />
        </Field>
        <PasswordMeter strength={strength} id={meterId} />
        <Field label="Repeat the new password" error={errors.confirmPassword} required>
          <Input name="confirmPassword" type="password" autoComplete="new-password" />
        </Field>
        <Button type="submit" block loading={updatePassword.isPending}>
          Save new password
        </Button>
      </form>
    </AuthLayout>
  );
}
