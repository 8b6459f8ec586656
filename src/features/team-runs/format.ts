import type { BadgeTone } from '@/components/ui';
import type { RunStatus, StepStatus } from '@/shared/runs-contract';

export const stepStatusLabels: Record<StepStatus, string> = {
  waiting: 'Waiting',
  ready: 'Queued',
  running: 'Working',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Not started',
};

export const stepStatusTones: Record<StepStatus, BadgeTone> = {
  waiting: 'neutral',
  ready: 'neutral',
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  skipped: 'warning',
};

/** Why a run ended the way it did, in words. */
export const endedExplanations: Partial<Record<RunStatus, string>> = {
  failed: 'The run stopped because a step failed. You were charged only for what the model produced.',
  cancelled: 'You cancelled this run. Work in progress was stopped and charged for what it produced.',
  budget_exceeded:
    'The run stopped because its budget could not cover the next step. It kept what was done; raise the budget for the next run.',
};
