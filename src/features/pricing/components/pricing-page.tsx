import { ButtonLink } from '@/components/ui';
import { useSession } from '@/lib/auth';
import { usePublicCatalog } from '@/lib/public-catalog';
import { useDocumentTitle } from '@/lib/use-document-title';
import { PricingView } from './pricing-view';

/** /pricing inside the SPA (a visitor who navigated here in the app, or may be signed in). */
export function PricingPage() {
  useDocumentTitle('Pricing');
  const pricing = usePublicCatalog();
  const { status } = useSession();
  return (
    <PricingView
      catalog={{
        data: pricing.data,
        error: pricing.error,
        retry: () => void pricing.refetch(),
        retrying: pricing.isFetching,
      }}
      signedIn={status === 'signed-in'}
      Link={ButtonLink}
    />
  );
}
