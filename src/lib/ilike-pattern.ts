/**
 * Turns what a user typed into a search box into an `ilike` pattern that matches the term
 * anywhere, ignoring case — shared by every PostgREST text search (catalog, chat titles).
 *
 * The pattern travels as a plain filter value (`col=ilike.…`), never inside an `or=` tree, so
 * commas, parentheses and quotes are ordinary text there. What stays special is LIKE's own
 * syntax: `%` and `_` are wildcards and `\` escapes, so all three are escaped to match literally.
 * PostgREST turns every `*` into `%` before PostgreSQL sees it, with no way to escape it, so `*`
 * is dropped instead of being left to act as a wildcard.
 */
const maxLength = 80;

export function normaliseSearchTerm(raw: string): string {
  const term = raw
    .replace(/[*\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // By code point, so that the cut never splits a character in two.
  return [...term].slice(0, maxLength).join('').trimEnd();
}

/** The ilike pattern for what was typed; undefined when there is nothing to search for. */
export function ilikePattern(raw: string): string | undefined {
  const term = normaliseSearchTerm(raw);
  if (!term) return undefined;
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}
