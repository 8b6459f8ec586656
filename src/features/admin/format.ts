/** Formats of the admin console: money through src/lib's one formatter; times in UTC. */
import { formatMoneyExact } from '@/lib/credits-format';

export const formatCents = (cents: number) => formatMoneyExact(cents, 'usd');
/** Provider cost in credits (= micro-dollars) as dollars, with cents. */
export const formatCostCredits = (credits: number) => formatMoneyExact(Math.round(credits / 10_000), 'usd');
const utc = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
export const formatWhen = (iso: string | null) => (iso ? `${utc.format(new Date(iso))} UTC` : '—');
export const formatDay = (iso: string) => iso.slice(0, 10);
