/** Display helpers for credits, tokens and dates on the dashboard (1,000,000 credits = US$1). */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en-US');

export const formatCredits = (value: number) =>
  Math.abs(value) >= 100_000 ? compact.format(value) : full.format(value);
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

export const ledgerKindLabels: Record<string, string> = {
  allowance_grant: 'Monthly allowance',
  allowance_expiry: 'Allowance lapsed',
  purchase: 'Token pack',
  usage: 'Usage',
  refund: 'Refund',
  clawback: 'Refunded pack',
  adjustment: 'Adjustment',
};
