import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge, Button, ConfirmDialog, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { paths } from '@/config/paths';
import { isApiClientError } from '@/lib/api-client';
import { useDocumentTitle } from '@/lib/use-document-title';
import { workflowDefinitionSchema } from '@/shared/workflows-contract';
import { useDeleteWorkflow } from '../api/delete-workflow';
import { usePricedHires } from '@/lib/priced-hires';
import { useWorkflow } from '../api/get-workflow';
import { emptyDraft, fromDefinition } from '../builder-state';
import '../workflows.css';
import { RunHistory } from './run-history';
import { RunNow } from './run-now';
import { ScheduleEditor } from './schedule-editor';
import { VersionHistory } from './version-history';
import { WebhookPanel } from './webhook-panel';
import { WorkflowBuilder } from './workflow-builder';

export function WorkflowPage() {
  const { workflowId = '' } = useParams();
  const isNew = workflowId === 'new';
  const detail = useWorkflow(workflowId, !isNew);
  const hires = usePricedHires();
  const remove = useDeleteWorkflow();
  const navigate = useNavigate();
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useDocumentTitle(isNew ? 'New workflow' : (detail.data?.workflow.name ?? 'Workflow'));

  if ((!isNew && detail.isPending) || hires.isPending) {
    return (
      <div className="page container wf-page" aria-busy="true" aria-label="Loading the workflow">
        <Skeleton width="20rem" height="2rem" />
        <Skeleton height="12rem" />
      </div>
    );
  }
  if (detail.isError || hires.isError) {
    const error = detail.error ?? hires.error;
    const missing = isApiClientError(error) && error.status === 404;
    return (
      <div className="page container wf-page">
        {missing ? (
          <EmptyState
            title="This workflow does not exist"
            description="It may have been deleted, or belong to another account."
            action={<Link to={paths.workflows.getHref()}>All workflows</Link>}
          />
        ) : (
          <ErrorState
            error={error}
            title="The workflow could not be loaded"
            onRetry={() => void detail.refetch()}
          />
        )}
      </div>
    );
  }

  const workflow = detail.data?.workflow;
  const current = detail.data?.versions.find((v) => v.id === workflow?.current_version_id);
  const initial = workflow
    ? fromDefinition(workflow.name, workflow.description, current?.definition)
    : emptyDraft;
  const saved = workflowDefinitionSchema.safeParse(current?.definition);

  return (
    <div className="page container wf-page">
      <p className="wf-back">
        <Link to={paths.workflows.getHref()}>← All workflows</Link>
      </p>
      <header className="page-header wf-page__header">
        <h1>{workflow?.name ?? 'New workflow'}</h1>
        {workflow ? <Badge tone="neutral">Version {workflow.version}</Badge> : null}
        {workflow ? (
          <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        ) : null}
      </header>
      <div className="wf-page__grid">
        <WorkflowBuilder
          key={current?.id ?? 'new'}
          workflowId={workflow?.id}
          initial={initial}
          hires={hires.data}
          onDirtyChange={setDirty}
        />
        {workflow && saved.success ? (
          <aside className="wf-page__side">
            <RunNow
              workflowId={workflow.id}
              version={workflow.version}
              definition={saved.data}
              hires={hires.data}
              dirty={dirty}
            />
            <ScheduleEditor workflowId={workflow.id} definition={saved.data} />
            <WebhookPanel workflowId={workflow.id} />
            <RunHistory workflowId={workflow.id} latestVersion={workflow.version} />
            <VersionHistory versions={detail.data?.versions ?? []} />
          </aside>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        title="Delete this workflow?"
        description="Its versions, schedules and webhook go too. Credits already spent stay in your ledger."
        confirmLabel="Delete"
        tone="danger"
        pending={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          workflow &&
          remove.mutate(workflow.id, {
            onSuccess: () => void navigate(paths.workflows.getHref(), { replace: true }),
          })
        }
      />
    </div>
  );
}
