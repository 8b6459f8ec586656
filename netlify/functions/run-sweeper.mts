import type { Config } from '@netlify/functions';
import { sweepRuns } from '../lib/runs/sweeper';

// Scheduled, not routed: every minute, dead step attempts are recovered and workers re-dispatched.
export default sweepRuns;

export const config: Config = { schedule: '* * * * *' };
