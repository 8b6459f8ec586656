// The prerendered pricing page's script (pricing/index.html, ADR 0083): React hydrates the page's
// content (the interval switch, the live catalog) — no router, query cache or Supabase client;
// visitors who may be signed in get the SPA instead.
import { hydrateRoot, type Root } from 'react-dom/client';
import type { PricingCatalog } from '@/features/pricing/components/pricing-view';
import { enableHeaderMenu } from './header-menu';
import { catalogElementId, PricingIsland } from './pricing-island';
import { takeOverWhenSignedIn } from './take-over';

let island: Root | undefined;
if (!takeOverWhenSignedIn(() => island?.unmount())) {
  enableHeaderMenu();
  const main = document.getElementById('main');
  if (!main) throw new Error('The pricing page must contain <main id="main">.');
  const prerendered = document.getElementById(catalogElementId)?.textContent;
  const initial = prerendered ? (JSON.parse(prerendered) as PricingCatalog | null) : null;
  island = hydrateRoot(main, <PricingIsland initial={initial} />);
}
