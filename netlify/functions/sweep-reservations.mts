import type { Config } from '@netlify/functions';
import { sweepReservations } from '../lib/llm/sweep-reservations';

// Scheduled, not routed: every five minutes, stale credit holds are charged (a call that reached
// the provider) or released (ADR 0060).
export default sweepReservations;

export const config: Config = { schedule: '*/5 * * * *' };
