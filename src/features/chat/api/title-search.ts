/**
 * Turns what the user typed in the chats search box into the ilike pattern for
 * `chat_sessions.title`, so the term matches anywhere in a title, ignoring case.
 *
 * The pattern travels as a plain filter value (`title=ilike.…`), so commas and parentheses are
 * ordinary text. LIKE's own syntax stays special: `%` and `_` are wildcards and `\` escapes, so
 * all three are escaped to match literally. PostgREST turns every `*` into `%` with no way to
 * escape it, so `*` is dropped rather than left to act as a wildcard.
 */
const maxLength = 80;

export function normaliseTitleSearch(raw: string): string {
  const term = raw
    .replace(/[*\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // By code point, so that the cut never splits a character in two.
  return [...term].slice(0, maxLength).join('').trimEnd();
}

/** The ilike pattern for a normalised term; undefined when there is nothing to search for. */
export function titlePattern(term: string): string | undefined {
  if (!term) return undefined;
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}
