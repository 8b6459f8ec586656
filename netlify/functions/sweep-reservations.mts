import type { Config } from '@netlify/functions';
import { sweepReservations } from '../lib/llm/sweep-reservations';

// Scheduled, not routed: every five minutes, stale credit holds are released.
export default sweepReservations;

export const config: Config = { schedule: '*/5 * * * *' };
