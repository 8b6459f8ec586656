import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '@/lib/auth';
import { ErrorState, PageSpinner } from '@/components/ui';
import { useCreditBalance } from '@/lib/credit-balance';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useBillingCatalog } from '../api/get-catalog';
import { useBillingOverview } from '../api/get-overview';
import { useBillingRedirect } from '../api/start-checkout';
import '../billing.css';
import { activationTimeoutMs, forgetCheckout, readCheckout } from '../checkout-intent';
import { CheckoutReturnBanner, FrozenBanner, PastDueBanner, type Activation } from './billing-banners';
import { LedgerSection } from './ledger-section';
import { PlanChooser } from './plan-chooser';
import { PlanSummary } from './plan-summary';
import { TokenPacks } from './token-packs';

export function BillingPage() {
  useDocumentTitle('Billing');
  const session = useSession();
  const userId = session.user?.id ?? '';
  const overview = useBillingOverview(userId);
  const balance = useCreditBalance(userId);
  const catalog = useBillingCatalog();
  const redirect = useBillingRedirect(balance.data?.purchased ?? 0);
  // Keep the clicked button busy until the browser has left for Stripe.
  const pending = redirect.isPending || redirect.isSuccess ? redirect.variables : undefined;
  const [params] = useSearchParams();
  const returned = params.get('checkout') === 'success';
  const [intent] = useState(() => (returned ? readCheckout() : null));
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!intent) return;
    const timer = setTimeout(
      () => setLate(true),
      Math.max(0, intent.startedAt + activationTimeoutMs - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [intent]);
  // Done once the webhook's effect shows: the plan switched, or purchased credits went up.
  const activated =
    intent !== null &&
    overview.data !== undefined &&
    balance.data !== undefined &&
    (intent.kind === 'subscription'
      ? overview.data.plan === intent.plan
      : balance.data.purchased > intent.purchasedBefore);
  useEffect(() => {
    if (activated) forgetCheckout();
  }, [activated]);
  const activation: Activation = !intent ? 'none' : activated ? 'active' : late ? 'late' : 'activating';

  if (overview.isPending || balance.isPending || catalog.isPending) return <PageSpinner />;
  if (overview.isError || balance.isError || catalog.isError) {
    const retry = () => void Promise.all([overview.refetch(), balance.refetch(), catalog.refetch()]);
    return (
      <div className="page container">
        <ErrorState
          error={overview.error ?? balance.error ?? catalog.error}
          title="Billing could not be loaded"
          onRetry={retry}
        />
      </div>
    );
  }

  const data = overview.data;
  const subscribed =
    data.subscription !== null && ['active', 'trialing', 'past_due'].includes(data.subscription.status);
  const planName = catalog.data.plans.find((plan) => plan.id === data.plan)?.name ?? data.plan;

  return (
    <div className="page container billing-page">
      <header className="page-header">
        <div>
          <h1>Billing</h1>
          <p className="page-header__lead">Your plan, your credits and every movement of them.</p>
        </div>
      </header>
      <CheckoutReturnBanner activation={activation} what={intent?.kind === 'pack' ? 'credits' : 'plan'} />
      {data.planStatus === 'past_due' && (
        <PastDueBanner onFix={() => redirect.mutate({ kind: 'portal' })} busy={pending?.kind === 'portal'} />
      )}
      {balance.data.frozen && <FrozenBanner />}
      {redirect.isError && (
        <ErrorState
          error={redirect.error}
          title="Stripe could not be opened"
          onRetry={() => redirect.reset()}
        />
      )}

      <PlanSummary
        overview={data}
        balance={balance.data}
        planName={planName}
        onManage={() => redirect.mutate({ kind: 'portal' })}
        managing={pending?.kind === 'portal'}
      />
      <div className="billing-columns">
        <PlanChooser
          plans={catalog.data.plans}
          currentPlan={data.plan}
          subscribed={subscribed}
          onChoose={redirect.mutate}
          pending={pending}
          locked={activation === 'activating'}
        />
        <TokenPacks
          packs={catalog.data.packs}
          onBuy={redirect.mutate}
          pending={pending}
          locked={activation === 'activating'}
        />
      </div>
      <LedgerSection userId={userId} />
    </div>
  );
}
