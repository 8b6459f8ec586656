/**
 * Turns what a visitor typed into the ilike pattern marketplace search sends for the catalog's
 * `search_text` column (name, role, category, description and skills, lower-cased), so a term
 * matches anywhere in any of them, including part of a skill ("terraf" finds "Terraform").
 *
 * The pattern travels as a plain filter value (`search_text=ilike.…`), never inside an `or=`
 * tree, so commas, parentheses and quotes are ordinary text there. What stays special is LIKE's
 * own syntax: `%` and `_` are wildcards and `\` escapes, so all three are escaped to match
 * literally. PostgREST turns every `*` into `%` before PostgreSQL sees it, with no way to escape
 * it, so `*` is dropped instead of being left to act as a wildcard.
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

export function searchPattern(raw: string): string | undefined {
  const term = normaliseSearchTerm(raw);
  if (!term) return undefined;
  return `%${term.replace(/[\\%_]/g, '\\$&')}%`;
}
