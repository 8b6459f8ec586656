/** A run-engine run's status in words and badge tone: the same on every page that lists or follows runs. */
import type { BadgeTone } from '@/components/ui';
import type { RunStatus } from '@/shared/runs-contract';

export const runStatusLabels: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  budget_exceeded: 'Budget reached',
};

export const runStatusTones: Record<RunStatus, BadgeTone> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  budget_exceeded: 'warning',
};
