/** Number formats of the admin console (money in cents from Stripe; credits from src/lib). */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const formatCents = (cents: number) => usd.format(cents / 100);
/** Provider cost in credits (= micro-dollars) as dollars, with cents. */
export const formatCostCredits = (credits: number) => usd.format(credits / 1_000_000);
export const formatWhen = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-US', { timeZone: 'UTC' }) + ' UTC' : '—';
export const formatDay = (iso: string) => iso.slice(0, 10);
