/**
 * Unsubscribe links: a signed token naming the user and the category to turn off, so the link
 * works without signing in (mail clients' one-click unsubscribe, RFC 8058) and cannot be forged
 * for someone else. The key is derived from the service-role key, the one secret every deploy
 * already has; rotating that key retires old links, which then lead to the settings page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isOptionalCategory, type OptionalEmailCategory } from './categories';

const keyFrom = (serviceRoleKey: string) =>
  createHmac('sha256', serviceRoleKey).update('email-unsubscribe-v1').digest();

const sign = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest('base64url');

export function unsubscribeToken(
  serviceRoleKey: string,
  userId: string,
  category: OptionalEmailCategory,
): string {
  const data = `${userId}.${category}`;
  return `${data}.${sign(keyFrom(serviceRoleKey), data)}`;
}

/** The user and category of a valid token, else null. */
export function readUnsubscribeToken(
  serviceRoleKey: string,
  token: string,
): { userId: string; category: OptionalEmailCategory } | null {
  const [userId, category, signature, ...rest] = token.split('.');
  if (!userId || !category || !signature || rest.length > 0 || !isOptionalCategory(category)) return null;
  const expected = Buffer.from(sign(keyFrom(serviceRoleKey), `${userId}.${category}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
  return { userId, category };
}
