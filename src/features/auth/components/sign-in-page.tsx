import { isAuthApiError } from '@supabase/auth-js';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSession } from '@/lib/auth';
import { Button, Field, Input } from '@/components/ui';
import { paths, safeNextPath } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useSignIn } from '../api/auth-mutations';
import { authErrorMessage } from '../auth-error-message';
import { focusFirstInvalid, parseForm, signInSchema, type FieldErrors } from '../form';
import { AuthLayout, FormAlert } from './auth-layout';
import { OtherSignIn } from './other-sign-in';
import { ResendConfirmation } from './resend-confirmation';

export function SignInPage() {
  useDocumentTitle('Sign in');
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const session = useSession();
  const signIn = useSignIn();
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({});
  const [email, setEmail] = useState('');

  // Signed in (now, or already when arriving here): continue where the visitor was going.
  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = parseForm(signInSchema, new FormData(form));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusFirstInvalid(form, parsed.errors);
      return;
    }
    setErrors({});
    setEmail(parsed.values.email);
    signIn.mutate(parsed.values);
  };

  return (
    <AuthLayout
      title="Sign in"
      lead="Welcome back. Sign in to manage your AI workforce."
      footer={
        <>
          New here?{' '}
          <Link to={paths.signUp.getHref(searchParams.get('next') ?? undefined)}>Create an account</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormAlert message={signIn.error ? authErrorMessage(signIn.error) : null} />
        {isAuthApiError(signIn.error) && signIn.error.code === 'email_not_confirmed' && (
          <ResendConfirmation key={email} email={email} />
        )}
        <Field label="Email" error={errors.email} required>
          <Input name="email" type="email" autoComplete="email" inputMode="email" />
        </Field>
        <Field label="Password" error={errors.password} required>
          <Input name="password" type="password" autoComplete="current-password" />
        </Field>
        <div className="auth-form__row">
          <Link to={paths.forgotPassword.getHref()}>Forgot your password?</Link>
        </div>
        <Button type="submit" block loading={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <OtherSignIn mode="sign-in" />
    </AuthLayout>
  );
}
