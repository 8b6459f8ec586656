/** Display helpers for tokens and dates on the dashboard; credits and ledger kinds come from @/lib/credits-format. */
export {
  formatCount,
  formatCredits,
  formatNumber as formatExact,
  ledgerKindLabels,
} from '@/lib/credits-format';

export const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso));
export const formatDateTime = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** "Nov 21" for a `YYYY-MM-DD` day key (a local calendar day, not an instant). */
export function formatDay(day: string) {
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(
    new Date(year ?? 0, (month ?? 1) - 1, date ?? 1),
  );
}
