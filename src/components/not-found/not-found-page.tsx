import { ButtonLink } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">We could not find that page</h1>
      <p>The link may be out of date, or the page may have moved. These are good places to continue:</p>
      <div className="not-found__actions">
        <ButtonLink to={paths.home.getHref()}>Go to the home page</ButtonLink>
        <ButtonLink to={paths.marketplace.getHref()} variant="secondary">
          Browse the marketplace
        </ButtonLink>
      </div>
    </section>
  );
}
