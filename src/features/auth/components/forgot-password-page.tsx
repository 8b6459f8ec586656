import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Field, Input } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useRequestPasswordReset } from '../api/auth-mutations';
import { authErrorMessage } from '../auth-error-message';
import { focusFirstInvalid, forgotPasswordSchema, parseForm, type FieldErrors } from '../form';
import { AuthLayout, FormAlert, FormSuccess } from './auth-layout';

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const requestReset = useRequestPasswordReset();
  const [errors, setErrors] = useState<FieldErrors<'email'>>({});
  const [email, setEmail] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = parseForm(forgotPasswordSchema, new FormData(form));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusFirstInvalid(form, parsed.errors);
      return;
    }
    setErrors({});
    setEmail(parsed.values.email);
    requestReset.mutate(parsed.values.email);
  };

  const footer = (
    <>
      Remembered it? <Link to={paths.signIn.getHref()}>Sign in</Link>
    </>
  );

  if (requestReset.isSuccess) {
    // Same words whether or not the address has an account, so the page cannot reveal who is registered.
    return (
      <AuthLayout title="Check your email" footer={footer}>
        <FormSuccess title="Reset link sent">
          <p>
            If an account exists for <strong>{email}</strong>, we have sent it a link to choose a new
            password. The link expires in one hour.
          </p>
        </FormSuccess>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
      footer={footer}
    >
      <form onSubmit={submit} noValidate>
        <FormAlert message={requestReset.error ? authErrorMessage(requestReset.error) : null} />
        <Field label="Email" error={errors.email} required>
          <Input name="email" type="email" autoComplete="email" inputMode="email" />
        </Field>
        <Button type="submit" block loading={requestReset.isPending}>
          Send reset link
        </Button>
      </form>
    </AuthLayout>
  );
}
