import { describe, expect, it } from 'vitest';
import { renderOutboxEmail, PermanentEmailError } from './render-email';
import { emailTemplates, type EmailTemplateName } from './templates';

const samples: { [T in EmailTemplateName]: unknown } = {
  support_reply: {
    ticketId: '00000000-0000-4000-8000-000000000001',
    subject: 'Help <b>',
    excerpt: 'Use **this**',
  },
  usage_alert: { kind: 'critical', thresholdPercent: 90, usedCredits: 900, allowanceCredits: 1000 },
  payment_failed: { planName: 'Pro', amountDue: '$29.00', nextAttemptAt: '2026-12-10' },
  run_finished: { runTitle: 'Weekly report', url: '/team-runs/1' },
  run_failed: { runTitle: 'Weekly report', url: '/team-runs/1', reason: 'the provider is down' },
  account_deleted: {},
};

const settings = {
  appUrl: 'https://app.example.com',
  serviceRoleKey: 'service-role-key',
  from: 'A <a@example.com>',
};
const row = (template: string, payload: unknown) => ({
  id: 'row-1',
  user_id: '00000000-0000-4000-8000-000000000002',
  to_email: 'someone@example.com',
  template,
  payload,
  attempts: 1,
});

describe('email templates', () => {
  it.each(Object.keys(emailTemplates) as EmailTemplateName[])('%s renders text and escaped HTML', (name) => {
    const email = renderOutboxEmail(row(name, samples[name]), settings);
    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.html).not.toContain('<b>');
    const optional = emailTemplates[name].category !== 'essential';
    expect(Boolean(email.headers['List-Unsubscribe'])).toBe(optional);
    expect(email.text.includes('Unsubscribe:')).toBe(optional);
  });

  it('refuses a payload that does not fit, or an unknown template, as permanent', () => {
    expect(() => renderOutboxEmail(row('support_reply', { subject: 1 }), settings)).toThrow(
      PermanentEmailError,
    );
    expect(() => renderOutboxEmail(row('newsletter', {}), settings)).toThrow(PermanentEmailError);
  });
});
