/** Display helpers for the billing page; credits and ledger kinds come from @/lib/credits-format. */
export { formatCredits, formatCreditsExact, formatMoney, ledgerKindLabels } from '@/lib/credits-format';

export const formatDate = (iso: string | null) =>
  iso ? new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(iso)) : '—';

export const formatDateTime = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
