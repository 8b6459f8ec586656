/** Display helpers for credits and money (1,000,000 credits = US$1). */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en-US');

export const formatCredits = (value: number) => (Math.abs(value) >= 100_000 ? compact.format(value) : full.format(value));
export const formatCreditsExact = (value: number) => full.format(value);

export const formatMoney = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase(), maximumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(
    cents / 100,
  );

export const formatDate = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso)) : '—';

export const kindLabels: Record<string, string> = {
  allowance_grant: 'Monthly allowance',
  allowance_expiry: 'Allowance lapsed',
  purchase: 'Token pack',
  usage: 'Usage',
  refund: 'Refund',
  clawback: 'Refunded pack',
  adjustment: 'Adjustment',
};
