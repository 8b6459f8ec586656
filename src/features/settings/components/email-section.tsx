import { useState, type FormEvent } from 'react';
import { Button, Card, Field, Input, useToast } from '@/components/ui';
import { useChangeEmail } from '../api/account';

export function EmailSection({ email }: { email: string }) {
  const change = useChangeEmail();
  const toast = useToast();
  const [next, setNext] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const invalid = next !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid || next === '') return;
    change.mutate(next.trim(), {
      onSuccess: () => {
        setSentTo(next.trim());
        setNext('');
      },
      onError: (error) => toast.error(error, 'Email change failed'),
    });
  };

  return (
    <Card as="section" title="Email" titleAs="h2" description={`You sign in with ${email}.`}>
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <Field label="New email address" error={invalid ? 'Enter an email address.' : undefined}>
          <Input
            type="email"
            name="new_email"
            autoComplete="email"
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </Field>
        <div>
          <Button type="submit" variant="secondary" loading={change.isPending} disabled={next === ''}>
            Change email
          </Button>
        </div>
        {sentTo && (
          <p role="status" className="settings-note">
            We sent confirmation links to {email} and {sentTo}. Your address changes once they are confirmed.
          </p>
        )}
      </form>
    </Card>
  );
}
