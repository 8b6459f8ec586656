/** Display helpers for catalog data. */

const categoryLabels: Record<string, string> = { hr: 'HR', 'customer-success': 'Customer success' };

/** "engineering" → "Engineering", "hr" → "HR". */
export function formatCategory(category: string): string {
  const known = categoryLabels[category];
  if (known) return known;
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${compact.format(value)} ${value === 1 ? singular : plural}`;
}

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}
