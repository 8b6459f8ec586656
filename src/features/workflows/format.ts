import type { BadgeTone } from '@/components/ui';
import type { RunStatus } from '@/shared/runs-contract';
import type { WorkflowTrigger } from '@/shared/workflows-contract';
import type { StepView } from './run-view';

export const triggerLabels: Record<WorkflowTrigger, string> = {
  manual: 'Run now',
  schedule: 'Schedule',
  webhook: 'Webhook',
  replay: 'Replay',
};

/** A step's status in words, including the two ways it completes without a model call. */
export function stepLabel(step: StepView): { label: string; tone: BadgeTone } {
  if (step.shortcut === 'skipped') return { label: 'Skipped', tone: 'warning' };
  if (step.shortcut === 'reused') return { label: 'Reused', tone: 'neutral' };
  switch (step.status) {
    case 'waiting':
      return { label: 'Waiting', tone: 'neutral' };
    case 'ready':
      return { label: step.attempt > 0 ? 'Retrying soon' : 'Queued', tone: 'neutral' };
    case 'running':
      return { label: 'Working', tone: 'info' };
    case 'completed':
      return { label: 'Done', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'cancelled':
      return { label: 'Cancelled', tone: 'neutral' };
    case 'skipped':
      return { label: 'Not started', tone: 'warning' };
  }
}

export const endedExplanations: Partial<Record<RunStatus, string>> = {
  failed: 'The run stopped because a step failed. You were charged only for what the model produced.',
  cancelled: 'You cancelled this run. Work in progress was stopped and charged for what it produced.',
  budget_exceeded:
    'The run stopped because its budget could not cover the next step. Raise the budget and replay it.',
};

/** A file name for a step's output: made safe for every file system. */
export function markdownFileName(...parts: string[]): string {
  const base = parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80)
    .toLowerCase();
  return `${base || 'workflow-step'}.md`;
}
