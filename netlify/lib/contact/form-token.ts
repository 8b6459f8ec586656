/**
 * The contact form's time-to-submit check. The form asks for a token when it is shown; the token
 * is the issue time signed with a key derived from the service-role key, so a bot cannot claim
 * it opened the form earlier than it did. A submission within `minimumSecondsToSubmit` of the
 * token, or with a token older than a day, is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { minimumSecondsToSubmit } from '../../../src/shared/contact';

const maximumAgeSeconds = 24 * 60 * 60;

const keyFrom = (serviceRoleKey: string) =>
  createHmac('sha256', serviceRoleKey).update('contact-form-v1').digest();
const sign = (serviceRoleKey: string, issuedAt: number) =>
  createHmac('sha256', keyFrom(serviceRoleKey)).update(String(issuedAt)).digest('base64url');

export function contactFormToken(serviceRoleKey: string, issuedAtMs = Date.now()): string {
  const issuedAt = Math.floor(issuedAtMs / 1000);
  return `${issuedAt}.${sign(serviceRoleKey, issuedAt)}`;
}

export type FormTokenCheck = 'ok' | 'too_fast' | 'invalid';

export function checkContactFormToken(
  serviceRoleKey: string,
  token: string,
  nowMs = Date.now(),
): FormTokenCheck {
  const [issued, signature, ...rest] = token.split('.');
  const issuedAt = Number(issued);
  if (!issued || !signature || rest.length > 0 || !Number.isInteger(issuedAt)) return 'invalid';
  const expected = Buffer.from(sign(serviceRoleKey, issuedAt));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = nowMs / 1000 - issuedAt;
  if (age > maximumAgeSeconds || age < -60) return 'invalid';
  return age < minimumSecondsToSubmit ? 'too_fast' : 'ok';
}
