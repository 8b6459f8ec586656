import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
import { rememberCheckout } from '../checkout-intent';
import { redirectSchema } from '../schemas';

export type BillingRedirect =
  | { kind: 'subscription'; plan: string; interval: 'month' | 'year' }
  | { kind: 'pack'; packId: string }
  | { kind: 'portal' };

/** Asks the server for a Stripe Checkout or Billing Portal URL. */
export async function getBillingRedirect(target: BillingRedirect): Promise<string> {
  const { url } =
    target.kind === 'subscription'
      ? await apiJson('/api/billing/subscription-checkout', redirectSchema, {
          method: 'POST',
          json: { plan: target.plan, interval: target.interval },
        })
      : target.kind === 'pack'
        ? await apiJson('/api/billing/token-pack-checkout', redirectSchema, {
            method: 'POST',
            json: { packId: target.packId },
          })
        : await apiJson('/api/billing/portal', redirectSchema, { method: 'POST' });
  return url;
}

/**
 * Sends the browser to Stripe's hosted page; the page stays busy until it leaves. A checkout
 * remembers what it is for, so the page it returns to can wait for it (checkout-intent.ts);
 * `purchasedBefore` is the purchased balance now, for a token pack.
 */
export function useBillingRedirect(purchasedBefore = 0) {
  return useMutation({
    mutationFn: getBillingRedirect,
    onSuccess: (url, target) => {
      const startedAt = Date.now();
      if (target.kind === 'subscription')
        rememberCheckout({ kind: 'subscription', plan: target.plan, startedAt });
      if (target.kind === 'pack') rememberCheckout({ kind: 'pack', purchasedBefore, startedAt });
      window.location.assign(url);
    },
  });
}
