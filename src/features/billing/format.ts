/** Display helpers for the billing page; credits and ledger kinds come from @/lib/credits-format. */
export { formatCredits, formatCreditsExact, ledgerKindLabels } from '@/lib/credits-format';

export const formatMoney = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);

export const formatDate = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso)) : '—';
