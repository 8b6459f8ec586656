import { describe, expect, it } from 'vitest';
import { cronProblem, nextRuns } from './schedules';

describe('schedules', () => {
  it('gives the next slots in the schedule time zone', () => {
    const from = new Date('2026-12-03T12:00:00Z');
    // Mondays 09:00 in Berlin (UTC+1 in winter) are 08:00 UTC.
    expect(nextRuns('0 9 * * 1', 'Europe/Berlin', 2, from).map((d) => d.toISOString())).toEqual([
      '2026-12-07T08:00:00.000Z',
      '2026-12-14T08:00:00.000Z',
    ]);
    expect(nextRuns('*/15 * * * *', 'UTC', 3, from).map((d) => d.toISOString())).toEqual([
      '2026-12-03T12:15:00.000Z',
      '2026-12-03T12:30:00.000Z',
      '2026-12-03T12:45:00.000Z',
    ]);
  });

  it('explains unusable expressions', () => {
    expect(cronProblem('0 9 * * 1', 'UTC')).toBeUndefined();
    expect(cronProblem('0 0 9 * * 1', 'UTC')).toMatch(/five fields/);
    expect(cronProblem('0 9 * * 1', 'Mars/Olympus')).toBe('Unknown time zone "Mars/Olympus".');
    expect(cronProblem('61 9 * * 1', 'UTC')).toMatch(/^Not a cron expression/);
    expect(nextRuns('nonsense here x y z', 'UTC', 5)).toEqual([]);
  });
});
