/** Every kind of run the engine executes; the worker and the sweeper's functions compose them here. */
import { teamRunKind } from '../team-runs/team-run-kind';
import type { RunKind, RunKinds } from './types';

const notYet: RunKind = {
  prepare: () => Promise.reject(new Error('workflow runs are not implemented yet')),
  complete: () => Promise.reject(new Error('workflow runs are not implemented yet')),
};

export const runKinds: RunKinds = { team_run: teamRunKind, workflow: notYet };
