import { useState, type FormEvent } from 'react';
import { Button, Card, Field, Input, useToast } from '@/components/ui';
import { MIN_PASSWORD_LENGTH, passwordChangeErrorMessage, useChangePassword } from '../api/password';

/**
 * A new password needs the current one: Auth checks it (ADR 0070) and a wrong one changes
 * nothing. Other devices are signed out by Auth when the change is applied.
 */
export function PasswordSection() {
  const change = useChangePassword();
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const tooShort = next !== '' && [...next].length < MIN_PASSWORD_LENGTH;
  const mismatch = repeat !== '' && repeat !== next;
  const ready = current !== '' && next !== '' && !tooShort && repeat === next;
  const serverError = change.error ? passwordChangeErrorMessage(change.error) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    change.mutate(
      { current, next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          toast.success('Your password is changed. Your other devices are signed out.');
        },
      },
    );
  };

  return (
    <Card
      as="section"
      title="Password"
      titleAs="h2"
      description="Changing it signs out every other device. Forgot it? Sign out and use “Forgot password”."
    >
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <Field
          label="Current password"
          error={serverError?.field === 'current' ? serverError.message : undefined}
        >
          <Input
            type="password"
            name="current_password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </Field>
        <Field
          label="New password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          error={
            tooShort
              ? `Use at least ${MIN_PASSWORD_LENGTH} characters.`
              : serverError?.field === 'new'
                ? serverError.message
                : undefined
          }
        >
          <Input
            type="password"
            name="new_password"
            autoComplete="new-password"
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </Field>
        <Field label="Repeat the new password" error={mismatch ? 'The two new passwords differ.' : undefined}>
          <Input
            type="password"
            name="repeat_password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
          />
        </Field>
        {serverError?.field === 'form' && (
          <p role="alert" className="settings-error">
            {serverError.message}
          </p>
        )}
        <div>
          <Button type="submit" variant="secondary" loading={change.isPending} disabled={!ready}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
