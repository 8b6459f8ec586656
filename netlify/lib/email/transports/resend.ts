/**
 * Delivery through Resend's official SDK (ADR 0037). The outbox row id is the Idempotency-Key:
 * Resend answers a repeated key with the first result instead of sending again, which makes a
 * resend after a crash (sent, but not yet marked sent) harmless.
 */
import { Resend } from 'resend';
import { PermanentEmailError } from '../render-email';
import type { EmailTransport } from './transport';

// Errors a retry cannot fix (bad address, unverified domain, bad key); 429 and 5xx are retried.
const permanentStatuses = new Set([400, 401, 403, 404, 405, 422]);

export function resendTransport(apiKey: string): EmailTransport {
  const resend = new Resend(apiKey);
  return {
    name: 'resend',
    async send(email) {
      const { data, error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
          tags: [{ name: 'template', value: email.template }],
        },
        { idempotencyKey: `email-outbox/${email.id}` },
      );
      if (error) {
        const message = `Resend ${error.statusCode ?? 'network'} ${error.name}: ${error.message}`;
        if (error.statusCode && permanentStatuses.has(error.statusCode))
          throw new PermanentEmailError(message);
        throw new Error(message);
      }
      return { providerMessageId: data?.id ?? null };
    },
  };
}
