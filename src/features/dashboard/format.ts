/** Display helpers for tokens and dates on the dashboard; credits and ledger kinds come from @/lib/credits-format. */
export { formatCredits, ledgerKindLabels } from '@/lib/credits-format';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en-US');

export const formatExact = (value: number) => full.format(value);
export const formatCount = (value: number) =>
  Math.abs(value) >= 10_000 ? compact.format(value) : full.format(value);

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
