/**
 * Sessions grouped by when they were last active, as chat apps do: Today, Yesterday, Previous 7
 * days, Previous 30 days, then by month ("November 2026"). Local calendar days, newest first.
 */
import type { ChatSession } from './schemas';

export interface SessionGroup {
  label: string;
  sessions: ChatSession[];
}

const month = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' });
const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
const dayMs = 86_400_000;

export function groupLabel(iso: string, now: Date): string {
  const then = new Date(iso);
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((startOfDay(now) - startOfDay(then)) / dayMs);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (days <= 7) return 'Previous 7 days';
  if (days <= 30) return 'Previous 30 days';
  return month.format(then);
}

/** Keeps the order given (most recent first) and groups consecutive sessions by label. */
export function groupSessions(sessions: readonly ChatSession[], now: Date): SessionGroup[] {
  const groups: SessionGroup[] = [];
  for (const session of sessions) {
    const label = groupLabel(session.lastActivityAt, now);
    const last = groups.at(-1);
    if (last?.label === label) last.sessions.push(session);
    else groups.push({ label, sessions: [session] });
  }
  return groups;
}
