import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
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

/** Sends the browser to Stripe's hosted page; the page stays busy until it leaves. */
export function useBillingRedirect() {
  return useMutation({
    mutationFn: getBillingRedirect,
    onSuccess: (url) => window.location.assign(url),
  });
}
