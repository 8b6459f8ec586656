/**
 * Builds the PostgREST `or=` filter for a marketplace search. The term is reduced to characters
 * that cannot break the filter grammar (commas, parentheses, quotes, wildcards), then matched
 * case-insensitively against name, role and description, and exactly against skills (arrays
 * offer containment, not substring search), as typed and capitalised.
 */
const maxLength = 80;

export function normaliseSearchTerm(raw: string): string {
  return raw
    .replace(/[^\p{L}\p{N} +#.&'/-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength);
}

export function searchFilter(raw: string): string | undefined {
  const term = normaliseSearchTerm(raw);
  if (!term) return undefined;
  const like = `"*${term}*"`;
  const capitalised = term.charAt(0).toUpperCase() + term.slice(1);
  const skills = [...new Set([term, capitalised])].map((skill) => `skills.cs.{"${skill}"}`);
  return [`name.ilike.${like}`, `role.ilike.${like}`, `description.ilike.${like}`, ...skills].join(',');
}
