import { useCallback, useEffect, useState } from 'react';
import { ButtonAnchor } from '@/components/ui/button';
import {
  PricingView,
  type CatalogLoad,
  type PricingCatalog,
} from '@/features/pricing/components/pricing-view';
import { getPublicCatalog } from '@/lib/get-public-catalog';

/** Where the prerendered pricing page keeps the catalog it was rendered with (see render-page). */
export const catalogElementId = 'pricing-catalog';

/**
 * The catalog as the page was prerendered with it, then as the database has it now: prices are
 * live data (an admin may change them after the build). A failed refresh keeps the prerendered
 * prices — the billing page reads them again before anyone pays — and only a page prerendered
 * without a catalog shows the error.
 */
function useLiveCatalog(initial: PricingCatalog | null): CatalogLoad {
  const [data, setData] = useState<PricingCatalog | undefined>(initial ?? undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getPublicCatalog(controller.signal).then(
      (catalog) => {
        setData(catalog);
        setError(undefined);
        setRetrying(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(failure);
        setRetrying(false);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setRetrying(true);
    setAttempt((count) => count + 1);
  }, []);
  return { data, error, retry, retrying };
}

/** The pricing page's content on the prerendered page: signed out, links that leave the page. */
export function PricingIsland({ initial }: { initial: PricingCatalog | null }) {
  return <PricingView catalog={useLiveCatalog(initial)} signedIn={false} Link={ButtonAnchor} />;
}
