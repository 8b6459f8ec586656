/** Display helpers for catalog data; numbers go through @/lib/credits-format. */
import { formatCompactNumber } from '@/lib/credits-format';

const categoryLabels: Record<string, string> = { hr: 'HR', 'customer-success': 'Customer success' };

/** "engineering" → "Engineering", "hr" → "HR". */
export function formatCategory(category: string): string {
  const known = categoryLabels[category];
  if (known) return known;
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCompactNumber(value)} ${value === 1 ? singular : plural}`;
}

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}
