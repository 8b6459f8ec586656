import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button, Spinner } from '@/components/ui';
import { billingKeys } from '../keys';

/**
 * Stripe sends the user back with `?checkout=success|cancel`. The webhook may land a moment after
 * the redirect. The balance is live (useCreditBalance shows the credits when the webhook grants
 * them); the plan, subscription and ledger lists are refreshed for a while.
 */
/** What the return from Checkout is waiting for: nothing, the webhook, or done. */
export type Activation = 'none' | 'activating' | 'late' | 'active';

export function CheckoutReturnBanner({
  activation,
  what,
}: {
  activation: Activation;
  what: 'plan' | 'credits';
}) {
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const state = params.get('checkout');

  useEffect(() => {
    if (state !== 'success') return;
    // Every 2 s for half a minute: Stripe usually delivers within seconds.
    const startedAt = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - startedAt > 30_000) window.clearInterval(timer);
      else {
        void queryClient.invalidateQueries({ queryKey: billingKeys.all });
      }
    }, 2_000);
    return () => window.clearInterval(timer);
  }, [state, queryClient]);

  if (state !== 'success' && state !== 'cancel') return null;
  const dismiss = () =>
    setParams(
      (current) => {
        current.delete('checkout');
        current.delete('session_id');
        return current;
      },
      { replace: true },
    );
  if (state === 'success' && activation === 'activating') {
    return (
      <div className="billing-banner billing-banner--info" role="status">
        <p>
          <Spinner size="sm" label={null} />{' '}
          {what === 'plan'
            ? 'Activating your plan… Payment received; Stripe is confirming it, usually within seconds.'
            : 'Adding your credits… Payment received; Stripe is confirming it, usually within seconds.'}
        </p>
      </div>
    );
  }
  const message =
    state === 'cancel'
      ? 'Checkout was cancelled. Nothing was charged.'
      : activation === 'late'
        ? 'Payment received — Stripe has not confirmed it yet. This page updates by itself when it does; nothing more to do.'
        : activation === 'active'
          ? what === 'plan'
            ? 'Payment received — your new plan is active. Thank you.'
            : 'Payment received — your credits are in. Thank you.'
          : 'Payment received — thank you. Your plan and credits update here within a few seconds.';
  return (
    <div
      className={`billing-banner billing-banner--${state === 'success' ? 'success' : 'info'}`}
      role="status"
    >
      <p>{message}</p>
      <Button variant="ghost" size="sm" onClick={dismiss}>
        Dismiss
      </Button>
    </div>
  );
}

export function PastDueBanner({ onFix, busy }: { onFix: () => void; busy: boolean }) {
  return (
    <div className="billing-banner billing-banner--warning" role="alert">
      <p>
        <strong>Your last payment failed.</strong> You keep your plan while Stripe retries the card; update
        your payment method to avoid losing it.
      </p>
      <Button size="sm" onClick={onFix} loading={busy}>
        Update payment method
      </Button>
    </div>
  );
}

export function FrozenBanner() {
  return (
    <div className="billing-banner billing-banner--danger" role="alert">
      <p>
        <strong>Your purchased credits are on hold</strong> because a payment is disputed. Your monthly
        allowance still works. Contact support to resolve the dispute.
      </p>
    </div>
  );
}
