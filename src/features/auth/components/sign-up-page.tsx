import { useId, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSession } from '@/lib/auth';
import { Button, Field, Input } from '@/components/ui';
import { paths, safeNextPath } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useSignUp } from '../api/auth-mutations';
import { authErrorMessage } from '../auth-error-message';
import { MIN_PASSWORD_LENGTH, focusFirstInvalid, parseForm, signUpSchema, type FieldErrors } from '../form';
import { loadPasswordChecker, minimumScore, weakPasswordMessage } from '../password-strength';
import { AuthLayout, FormAlert, FormSuccess } from './auth-layout';
import { PasswordMeter, usePasswordStrength } from './password-meter';
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
  const [typed, setTyped] = useState({ fullName: '', email: '', password: '' });
  // The name and address make a password weaker when it contains them.
  const strength = usePasswordStrength(typed.password, [typed.fullName, typed.email]);
  const meterId = useId();

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
    const { values } = parsed;
    // Common and guessable passwords are refused (the checker is loaded by then, or now).
    void loadPasswordChecker().then((check) => {
      const scored = check(values.password, [values.fullName, values.email]);
      if (scored.score < minimumScore) {
        const found = { password: weakPasswordMessage(scored) };
        setErrors(found);
        focusFirstInvalid(form, found);
        return;
      }
      setErrors({});
      setEmail(values.email);
      signUp.mutate(values);
    });
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
      <form
        onSubmit={submit}
        noValidate
        onChange={(event) => {
          const field = event.target;
          if (field instanceof HTMLInputElement && field.name in typed)
            setTyped((current) => ({ ...current, [field.name]: field.value }));
        }}
      >
        <FormAlert message={signUp.error ? authErrorMessage(signUp.error) : null} />
        <Field label="Name" error={errors.fullName} required>
          <Input name="fullName" autoComplete="name" maxLength={80} />
        </Field>
        <Field label="Email" error={errors.email} required>
          <Input name="email" type="email" autoComplete="email" inputMode="email" />
        </Field>
        <Field
          label="Password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters and hard to guess: a few unrelated words make a strong password.`}
          error={errors.password}
          required
        >
          <Input name="password" type="password" autoComplete="new-password" aria-describedby={meterId} />
        </Field>
        <PasswordMeter strength={strength} id={meterId} />
        <Button type="submit" block loading={signUp.isPending}>
          Create account
        </Button>
      </form>
      <OtherSignIn mode="sign-up" />
    </AuthLayout>
  );
}
