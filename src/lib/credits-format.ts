/**
 * How credits, counts, money and ledger entries are shown everywhere in the SPA (1,000,000
 * credits = US$1): the one formatter, in one locale (en-US, the product's language), so the chat,
 * the header, billing, the dashboard and pricing never disagree — nor follow the browser's locale
 * in one place and not in the next.
 */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en-US');

/** "950", "12,345", "1.2M": exact below 100,000, compact above. */
export const formatCredits = (value: number) =>
  Math.abs(value) >= 100_000 ? compact.format(value) : full.format(value);

/** Every digit, for ledgers and exports. */
export const formatCreditsExact = (value: number) => full.format(value);

/** A count (tokens, hires, calls) with every digit: "12,345". */
export const formatNumber = (value: number) => full.format(value);

/** A count in a few characters: "950", "12.3K", "1.2M". */
export const formatCompactNumber = (value: number) => compact.format(value);

/** A count, exact below `exactBelow`, compact from there. */
export const formatCount = (value: number, exactBelow = 10_000) =>
  Math.abs(value) >= exactBelow ? compact.format(value) : full.format(value);

/** An amount of money in cents: "$20", "$19.99". */
export const formatMoney = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);

/** An amount of money in cents, always with cents (accounting figures): "$20.00", "$19.99". */
export const formatMoneyExact = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);

/** The human name of each `credit_ledger.kind`. */
export const ledgerKindLabels: Record<string, string> = {
  allowance_grant: 'Monthly allowance',
  allowance_expiry: 'Allowance lapsed',
  purchase: 'Token pack',
  usage: 'Usage',
  refund: 'Refund',
  clawback: 'Refund taken back',
  adjustment: 'Adjustment',
};
