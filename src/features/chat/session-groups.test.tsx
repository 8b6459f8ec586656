import { expect, it } from 'vitest';
import { groupLabel, groupSessions } from './session-groups';

const now = new Date(2026, 11, 3, 9, 30);
const at = (daysAgo: number, hour = 12) => new Date(2026, 11, 3 - daysAgo, hour).toISOString();

it('labels by local calendar day, not by 24-hour spans', () => {
  expect(groupLabel(new Date(2026, 11, 3, 0, 5).toISOString(), now)).toBe('Today');
  expect(groupLabel(new Date(2026, 11, 2, 23, 55).toISOString(), now)).toBe('Yesterday');
  expect(groupLabel(at(2), now)).toBe('Previous 7 days');
  expect(groupLabel(at(7), now)).toBe('Previous 7 days');
  expect(groupLabel(at(8), now)).toBe('Previous 30 days');
  expect(groupLabel(at(30), now)).toBe('Previous 30 days');
  expect(groupLabel(at(31), now)).toBe('November 2026');
  expect(groupLabel(new Date(2025, 5, 1).toISOString(), now)).toBe('June 2025');
});

it('groups consecutive sessions, keeping their order', () => {
  const session = (id: string, lastActivityAt: string) => ({
    id,
    title: id,
    employeeId: null,
    lastActivityAt,
  });
  const groups = groupSessions(
    [session('a', at(0)), session('b', at(0, 8)), session('c', at(1)), session('d', at(40))],
    now,
  );
  expect(groups.map((group) => [group.label, group.sessions.map((s) => s.id)])).toEqual([
    ['Today', ['a', 'b']],
    ['Yesterday', ['c']],
    ['October 2026', ['d']],
  ]);
});
