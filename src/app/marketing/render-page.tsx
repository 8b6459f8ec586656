/**
 * Renders the marketing pages to HTML, from the same components as the SPA (ADR 0083): the page
 * frame (header, footer) as a signed-out visitor sees it, and the page. Run at build time
 * (build/vite-plugin-marketing-pages.ts) and by the dev server on each request — never in the
 * browser. The pricing page's content is rendered on its own, as the island the browser hydrates,
 * with the catalog it was rendered from beside it.
 */
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { LandingPage } from '@/features/landing/components/landing-page';
import type { PricingCatalog } from '@/features/pricing/components/pricing-view';
import { SignedOutSession } from '@/lib/auth';
import { getPublicCatalog } from '@/lib/get-public-catalog';
import { documentTitle } from '@/lib/use-document-title';
import { PageFrame } from '../layout/page-frame';
import { catalogElementId, PricingIsland } from './pricing-island';

export interface MarketingPage {
  path: '/' | '/pricing';
  /** Its HTML template, relative to the project root; also where the build writes the page. */
  file: string;
  title: string;
}

export const marketingPages: MarketingPage[] = [
  { path: '/', file: 'index.html', title: documentTitle() },
  { path: '/pricing', file: 'pricing/index.html', title: documentTitle('Pricing') },
];

/** The public catalog, read as a visitor reads it (anon key, under RLS). */
export const loadCatalog = (): Promise<PricingCatalog> => getPublicCatalog();

// JSON inside <script>: no "</script>" or "<!--" can end or alter the element.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page's markup for inside <div id="root">; `catalog` is null when it could not be read. */
export function renderPage(page: MarketingPage, catalog: PricingCatalog | null): string {
  const frame = (children: ReactNode) =>
    renderToString(
      <StaticRouter location={page.path}>
        <SignedOutSession>
          <PageFrame>{children}</PageFrame>
        </SignedOutSession>
      </StaticRouter>,
    );
  if (page.path === '/') return frame(<LandingPage />);
  const island = renderToString(<PricingIsland initial={catalog} />);
  return (
    frame(<template data-island="" />).replace(/<template data-island=""><\/template>/, island) +
    `<script type="application/json" id="${catalogElementId}">${scriptJson(catalog)}</script>`
  );
}

/** Fills a page's HTML template: the markup into its outlet, the page's title. */
export function fillTemplate(template: string, page: MarketingPage, markup: string): string {
  if (!template.includes('<!--marketing-page-->'))
    throw new Error(`${page.file} has no <!--marketing-page--> outlet.`);
  return template
    .replace(
      /<title>[\s\S]*?<\/title>/,
      `<title>${page.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>`,
    )
    .replace('<!--marketing-page-->', markup);
}
