/**
 * What the user went to Stripe Checkout for, kept in sessionStorage across the redirect: on the
 * way back (`?checkout=success`) the billing page knows what to wait for — the plan the
 * subscription webhook switches to, or purchased credits above what they were — and shows
 * "Activating your plan…" with its buttons disabled until then, not the old plan under a thank-you.
 */
import { z } from 'zod';

const key = 'billing:checkout-intent';
/** After this long the webhook is late: the page stops waiting and says so. */
export const activationTimeoutMs = 60_000;

const intentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subscription'), plan: z.string(), startedAt: z.number() }),
  z.object({ kind: z.literal('pack'), purchasedBefore: z.number(), startedAt: z.number() }),
]);
export type CheckoutIntent = z.infer<typeof intentSchema>;

export function rememberCheckout(intent: CheckoutIntent): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(intent));
  } catch {
    // Storage unavailable (private mode): the page then shows the plain return message.
  }
}

export function readCheckout(): CheckoutIntent | null {
  try {
    const parsed = intentSchema.safeParse(JSON.parse(sessionStorage.getItem(key) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function forgetCheckout(): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
