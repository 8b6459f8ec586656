/**
 * PostgREST's "Perhaps you meant …" hints come from the Haskell `fuzzyset` package (a port of
 * fuzzyset.js): candidates are ranked by the cosine similarity of their 3-grams (then 2-grams),
 * the best 50 re-scored by Levenshtein similarity, and the best one is kept if it scores at least
 * the minimum (0.75 for tables and functions, 0.33 for parameter lists).
 */
const NON_WORD = /[^a-zA-Z0-9\u00C0-\u00FF, ]+/g;

function grams(value: string, size: number): Map<string, number> {
  let simplified = `-${value.toLowerCase().replace(NON_WORD, '')}-`;
  if (simplified.length < size) simplified += '-'.repeat(size - simplified.length);
  const counts = new Map<string, number>();
  for (let i = 0; i + size <= simplified.length; i += 1) {
    const gram = simplified.slice(i, i + size);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function norm(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count * count;
  return Math.sqrt(sum);
}

export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate scoring at least `minScore`, or undefined. */
export function fuzzyBest(candidates: Iterable<string>, value: string, minScore: number): string | undefined {
  const items = [...new Set(candidates)];
  for (const size of [3, 2]) {
    const query = grams(value, size);
    const queryNorm = norm(query);
    const scored: Array<[number, string]> = [];
    for (const item of items) {
      const itemGrams = grams(item, size);
      let dot = 0;
      for (const [gram, count] of query) dot += count * (itemGrams.get(gram) ?? 0);
      if (dot > 0) scored.push([dot / (queryNorm * norm(itemGrams)), item]);
    }
    if (scored.length === 0) continue;
    scored.sort((a, b) => b[0] - a[0]);
    const lower = value.toLowerCase();
    const rescored = scored.slice(0, 50).map(([, item]): [number, string] => {
      const other = item.toLowerCase();
      return [1 - levenshtein(lower, other) / Math.max(lower.length, other.length), item];
    });
    rescored.sort((a, b) => b[0] - a[0]);
    const best = rescored[0];
    return best && best[0] >= minScore ? best[1] : undefined;
  }
  return undefined;
}
