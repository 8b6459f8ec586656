import { useNavigate } from 'react-router';
import { Button, ErrorState, SkeletonText } from '@/components/ui';
import { paths } from '@/config/paths';
import { useInstallTemplate, useTemplates } from '../api/templates';

/** Ready-made workflows: one click hires the employees they need and opens the new workflow. */
export function TemplateGallery() {
  const templates = useTemplates();
  const install = useInstallTemplate();
  const navigate = useNavigate();
  return (
    <section className="wf-section" aria-labelledby="wf-templates-title">
      <h2 id="wf-templates-title">Start from a template</h2>
      {templates.isPending ? (
        <SkeletonText lines={3} />
      ) : templates.isError ? (
        <ErrorState
          error={templates.error}
          title="Templates could not be loaded"
          onRetry={() => void templates.refetch()}
        />
      ) : (
        <ul className="wf-templates">
          {templates.data.map((t) => (
            <li key={t.slug} className="wf-template" aria-labelledby={`wf-template-${t.slug}`}>
              <h3 id={`wf-template-${t.slug}`}>{t.name}</h3>
              <p className="wf-hint">{t.description}</p>
              <p className="wf-hint">{t.definition.steps.map((s) => s.name).join(' → ')}</p>
              <div>
                <Button
                  size="sm"
                  loading={install.isPending && install.variables === t.slug}
                  aria-label={`Install ${t.name}`}
                  onClick={() =>
                    install.mutate(t.slug, {
                      onSuccess: ({ workflow }) => void navigate(paths.workflow.getHref(workflow.id)),
                    })
                  }
                >
                  Install
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {install.error ? (
        <p className="field__error" role="alert">
          {install.error.message}
        </p>
      ) : null}
    </section>
  );
}
