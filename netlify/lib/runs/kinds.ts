/** Every kind of run the engine executes; the worker and the sweeper's functions compose them here. */
import { teamRunKind } from '../team-runs/team-run-kind';
import { workflowKind } from '../workflows/workflow-kind';
import type { RunKinds } from './types';

export const runKinds: RunKinds = { team_run: teamRunKind, workflow: workflowKind };
