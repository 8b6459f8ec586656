import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSession } from '@/lib/auth';
import { Button, Field, Input } from '@/components/ui';
import { paths, safeNextPath } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useSignUp } from '../api/auth-mutations';
import { authErrorMessage } from '../auth-error-message';
import { MIN_PASSWORD_LENGTH, focusFirstInvalid, parseForm, signUpSchema, type FieldErrors } from '../form';
import { AuthLayout, FormAlert, FormSuccess } from './auth-layout';
import { OtherSignIn } from './other-sign-in';
import { ResendConfirmation } from './resend-confirmation';

export function SignUpPage() {
  useDocumentTitle('Create your account');
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const session = useSession();
  const signUp = useSignUp();
  const [errors, setErrors] = useState<FieldErrors<'fullName' | 'email' | 'password'>>({});
  const [email, setEmail] = useState('');

  // With instant confirmation the new user is signed in straight away.
  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  if (signUp.data?.needsConfirmation) {
    return (
      <AuthLayout title="Check your email">
        <FormSuccess title="Almost there">
          <p>
            We sent a confirmation link to <strong>{email}</strong>. Open it to activate your account; it
            expires in one hour.
          </p>
        </FormSuccess>
        <ResendConfirmation email={email} />
        <p>
          Already confirmed?{' '}
          <Link to={paths.signIn.getHref(searchParams.get('next') ?? undefined)}>Sign in</Link>
        </p>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = parseForm(signUpSchema, new FormData(form));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusFirstInvalid(form, parsed.errors);
      return;
    }
    setErrors({});
    setEmail(parsed.values.email);
    signUp.mutate(parsed.values);
  };

  return (
    <AuthLayout
      title="Create your account"
      lead="Start free: your first AI employees are a few clicks away."
      footer={
        <>
          Already have an account?{' '}
          <Link to={paths.signIn.getHref(searchParams.get('next') ?? undefined)}>Sign in</Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormAlert message={signUp.error ? authErrorMessage(signUp.error) : null} />
        <Field label="Name" error={errors.fullName} required>
          <Input name="fullName" autoComplete="name" maxLength={80} />
        </Field>
        <Field label="Email" error={errors.email} required>
          <Input name="email" type="email" autoComplete="email" inputMode="email" />
        </Field>
        <Field
          label="Password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password.`}
          error={errors.password}
          required
        >
          <Input name="password" type="password" autoComplete="new-password" />
        </Field>
        <Button type="submit" block loading={signUp.isPending}>
          Create account
        </Button>
      </form>
      <OtherSignIn mode="sign-up" />
    </AuthLayout>
  );
}
