/**
 * The emails GoTrue sends, with its default subjects, delivered to the dev outbox. Links point at
 * `/auth/v1/verify` with the hashed token, like GoTrue's `{{ .ConfirmationURL }}`; the 6-digit
 * code is included for `verifyOtp({ email, token, type })`.
 */
import { AuthApiError } from './errors';
import type { AuthServices } from './services';
import { timestampMs } from './user-json';

export type EmailAction = 'signup' | 'recovery' | 'email_change' | 'magiclink' | 'reauthentication';

const SUBJECTS: Record<EmailAction, string> = {
  signup: 'Confirm Your Email',
  magiclink: 'Your Magic Link',
  reauthentication: 'Confirm reauthentication',
  recovery: 'Reset Your Password',
  email_change: 'Confirm Email Change',
};

const INTROS: Record<EmailAction, string> = {
  signup: 'Follow this link to confirm your email address:',
  magiclink: 'Follow this link to sign in:',
  reauthentication: 'Enter this code to confirm it is you:',
  recovery: 'Follow this link to reset the password for your account:',
  email_change: 'Follow this link to confirm the change of your email address:',
};

/**
 * GoTrue's `max_frequency`: a user gets at most one email of a kind per interval, so nobody can
 * flood an inbox by repeating a request. `lastSentAt` is the matching `*_sent_at` column.
 */
export function assertCanEmailAgain(services: AuthServices, lastSentAt: string | null): void {
  if (!lastSentAt) return;
  const waitMs = timestampMs(lastSentAt) + services.settings.emailMaxFrequencySeconds * 1000 - Date.now();
  if (waitMs > 0) {
    throw new AuthApiError(
      429,
      'over_email_send_rate_limit',
      `For security purposes, you can only request this after ${Math.ceil(waitMs / 1000)} seconds.`,
    );
  }
}

export function verifyLink(
  services: AuthServices,
  action: EmailAction,
  hash: string,
  redirectTo: string,
): string {
  const url = new URL(`${services.externalUrl}/verify`);
  url.searchParams.set('token', hash);
  url.searchParams.set('type', action);
  url.searchParams.set('redirect_to', redirectTo);
  return url.toString();
}

export async function sendAuthEmail(
  services: AuthServices,
  email: { action: EmailAction; to: string; hash: string; otp: string; redirectTo: string },
): Promise<void> {
  const link = verifyLink(services, email.action, email.hash, email.redirectTo);
  await services.outbox.send({
    kind: email.action,
    to: email.to,
    subject: SUBJECTS[email.action],
    text: `${INTROS[email.action]}\n\n${link}\n\nAlternatively, enter the code: ${email.otp}\n`,
    link,
    otp: email.otp,
  });
}
