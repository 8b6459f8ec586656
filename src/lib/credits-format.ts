/**
 * How credits and ledger entries are named and shown everywhere in the app (1,000,000 credits =
 * US$1), so the billing page, the dashboard and anything else never disagree.
 */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en-US');

/** "950", "12,345", "1.2M": exact below 100,000, compact above. */
export const formatCredits = (value: number) =>
  Math.abs(value) >= 100_000 ? compact.format(value) : full.format(value);

/** Every digit, for ledgers and exports. */
export const formatCreditsExact = (value: number) => full.format(value);

/** The human name of each `credit_ledger.kind`. */
export const ledgerKindLabels: Record<string, string> = {
  allowance_grant: 'Monthly allowance',
  allowance_expiry: 'Allowance lapsed',
  purchase: 'Token pack',
  usage: 'Usage',
  refund: 'Refund',
  clawback: 'Refunded pack',
  adjustment: 'Adjustment',
};
