import { useEffect, useMemo } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Field, Input, SkeletonText } from '@/components/ui';
import { Markdown } from '@/components/ui/markdown/markdown';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useFaq } from '../api/get-faq';
import { groupFaq, searchFaq, withAnchors } from '../faq-search';
import '../help.css';

export function FaqPage() {
  useDocumentTitle('Help centre');
  const faq = useFaq();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const { hash } = useLocation();
  const entries = useMemo(() => withAnchors(faq.data ?? []), [faq.data]);
  const matches = useMemo(() => searchFaq(entries, query), [entries, query]);
  const groups = useMemo(() => groupFaq(matches), [matches]);
  const target = decodeURIComponent(hash.slice(1));

  // A deep link (/faq#anchor) opens its answer and brings it into view once the FAQ is loaded.
  useEffect(() => {
    if (!target || !faq.data) return;
    const element = document.getElementById(target);
    if (element instanceof HTMLDetailsElement) {
      element.open = true;
      element.scrollIntoView({ block: 'start' });
      element.querySelector('summary')?.focus({ preventScroll: true });
    }
  }, [target, faq.data]);

  return (
    <div className="page container faq-page">
      <header className="page-header">
        <div>
          <h1>Help centre</h1>
          <p className="page-header__lead">Answers to the questions we hear most.</p>
        </div>
      </header>
      <search className="faq-search">
        <Field label="Search the help centre">
          <Input
            type="search"
            value={query}
            placeholder="e.g. credits, cancel, export"
            onChange={(event) =>
              setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })
            }
          />
        </Field>
        {faq.data && query && (
          <p className="faq-search__count" role="status">
            {matches.length === 1 ? '1 answer' : `${matches.length} answers`} for “{query}”
          </p>
        )}
      </search>

      {faq.isPending ? (
        <SkeletonText lines={8} />
      ) : faq.isError ? (
        <ErrorState
          error={faq.error}
          title="The help centre could not be loaded"
          onRetry={() => void faq.refetch()}
        />
      ) : groups.length === 0 ? (
        <EmptyState
          title="No answer matches"
          description={
            <>
              Try other words, or <Link to={paths.contact.getHref()}>contact us</Link>
              {' — '}signed-in users can <Link to={paths.support.getHref()}>open a support ticket</Link>.
            </>
          }
        />
      ) : (
        groups.map((group) => (
          <section key={group.category} className="faq-group" aria-labelledby={`faq-group-${group.category}`}>
            <h2 id={`faq-group-${group.category}`}>{group.label}</h2>
            {group.items.map((item) => (
              <details
                key={item.id}
                id={item.anchor}
                className="faq-item"
                open={item.anchor === target || undefined}
              >
                <summary className="faq-item__question">{item.question}</summary>
                <div className="faq-item__answer">
                  <Markdown>{item.answer}</Markdown>
                  <a className="faq-item__link" href={`#${item.anchor}`}>
                    Link to this answer
                  </a>
                </div>
              </details>
            ))}
          </section>
        ))
      )}
      <p className="faq-page__more">
        Still stuck? <Link to={paths.contact.getHref()}>Contact us</Link> or{' '}
        <Link to={paths.support.getHref()}>open a support ticket</Link>.
      </p>
    </div>
  );
}
