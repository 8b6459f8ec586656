import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorState, Field, Input, Select, Textarea } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { contactSubmissionSchema, contactTopics, type ContactTopic } from '@/shared/contact';
import { useContactFormToken, useSendContact } from '../api/contact';
import '../help.css';

const topicLabels: Record<ContactTopic, string> = {
  general: 'General question',
  sales: 'Sales and plans',
  support: 'Help with the product',
  partnership: 'Partnership',
  press: 'Press',
};
const topicOptions = contactTopics.map((value) => ({ value, label: topicLabels[value] }));

type Fields = {
  name: string;
  email: string;
  company: string;
  topic: ContactTopic;
  message: string;
  website: string;
};
const empty: Fields = { name: '', email: '', company: '', topic: 'general', message: '', website: '' };

export function ContactPage() {
  useDocumentTitle('Contact us');
  const [fields, setFields] = useState<Fields>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const token = useContactFormToken();
  const send = useSendContact();
  const set = (name: keyof Fields) => (value: string) =>
    setFields((current) => ({ ...current, [name]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = contactSubmissionSchema.safeParse({
      ...fields,
      company: fields.company || undefined,
      website: fields.website || undefined,
      formToken: token.data?.formToken ?? 'missing',
    });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
      );
      return;
    }
    setErrors({});
    send.mutate(parsed.data);
  };

  if (send.isSuccess)
    return (
      <div className="page container contact-page">
        <header className="page-header">
          <div>
            <h1>Thank you — we got your message</h1>
          </div>
        </header>
        <Card as="section">
          <p role="status">We answer within one working day, by email to {fields.email}.</p>
          <p>
            In the meantime, the <Link to={paths.faq.getHref()}>help centre</Link> may already have the
            answer.
          </p>
        </Card>
      </div>
    );

  return (
    <div className="page container contact-page">
      <header className="page-header">
        <div>
          <h1>Contact us</h1>
          <p className="page-header__lead">
            Questions about plans, partnerships or press. Customers get faster help from a{' '}
            <Link to={paths.support.getHref()}>support ticket</Link>.
          </p>
        </div>
      </header>
      <Card as="section">
        <form className="contact-form" onSubmit={submit} noValidate>
          <Field label="Your name" required error={errors.name}>
            <Input
              value={fields.name}
              autoComplete="name"
              maxLength={120}
              onChange={(e) => set('name')(e.target.value)}
            />
          </Field>
          <Field label="Email" required error={errors.email}>
            <Input
              type="email"
              value={fields.email}
              autoComplete="email"
              maxLength={320}
              onChange={(e) => set('email')(e.target.value)}
            />
          </Field>
          <Field label="Company (optional)" error={errors.company}>
            <Input
              value={fields.company}
              autoComplete="organization"
              maxLength={200}
              onChange={(e) => set('company')(e.target.value)}
            />
          </Field>
          <Field label="Topic" required>
            <Select
              options={topicOptions}
              value={fields.topic}
              onValueChange={(value) => value && set('topic')(value)}
            />
          </Field>
          <Field label="Message" required error={errors.message}>
            <Textarea
              value={fields.message}
              rows={6}
              maxLength={5000}
              onChange={(e) => set('message')(e.target.value)}
            />
          </Field>
          {/* The honeypot: invisible and unreachable for people, irresistible for form-filling bots. */}
          <div className="contact-form__trap" aria-hidden="true">
            <label>
              Website
              <input
                type="text"
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={fields.website}
                onChange={(e) => set('website')(e.target.value)}
              />
            </label>
          </div>
          {send.isError && (
            <ErrorState
              error={send.error}
              title={
                isApiClientError(send.error) && send.error.status === 429
                  ? 'Too many messages from your network'
                  : 'Your message was not sent'
              }
              headingLevel="h2"
            />
          )}
          {token.isError && (
            <ErrorState
              error={token.error}
              title="The form could not be prepared"
              onRetry={() => void token.refetch()}
              headingLevel="h2"
            />
          )}
          <Button type="submit" loading={send.isPending} disabled={!token.data}>
            Send message
          </Button>
        </form>
      </Card>
    </div>
  );
}
