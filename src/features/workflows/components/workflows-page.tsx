import { Link } from 'react-router';
import { ButtonLink, EmptyState, ErrorState, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useWorkflows } from '../api/get-workflows';
import '../workflows.css';
import { TemplateGallery } from './template-gallery';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function WorkflowsPage() {
  useDocumentTitle('Workflows');
  const workflows = useWorkflows();
  return (
    <div className="page container wf-page">
      <header className="page-header wf-page__header">
        <div>
          <h1>Workflows</h1>
          <p className="page-header__lead">
            Chain your employees into pipelines that run in the background, now, on a schedule or from a
            webhook.
          </p>
        </div>
        <ButtonLink to={paths.workflow.getHref('new')}>New workflow</ButtonLink>
      </header>
      <section className="wf-section" aria-labelledby="wf-list-title">
        <h2 id="wf-list-title">Your workflows</h2>
        {workflows.isPending ? (
          <SkeletonText lines={3} />
        ) : workflows.isError ? (
          <ErrorState
            error={workflows.error}
            title="Your workflows could not be loaded"
            onRetry={() => void workflows.refetch()}
          />
        ) : workflows.data.length === 0 ? (
          <EmptyState
            title="No workflows yet"
            description="Start from a template below, or build one from scratch."
          />
        ) : (
          <ul className="wf-list">
            {workflows.data.map((w) => (
              <li key={w.id}>
                <Link to={paths.workflow.getHref(w.id)}>{w.name}</Link>
                <span className="wf-hint">
                  {' '}
                  · version {w.version} · edited {when.format(new Date(w.updated_at))}
                </span>
                {w.description ? <p className="wf-hint">{w.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <TemplateGallery />
    </div>
  );
}
