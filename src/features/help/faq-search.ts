/**
 * The help centre's client-side search and grouping. The FAQ is small (tens of items) and public,
 * so it is loaded once and searched in the browser: instant, and it works while typing offline.
 */
import GithubSlugger from 'github-slugger';
import type { FaqItem } from './api/get-faq';

export interface FaqEntry extends FaqItem {
  /** The answer's anchor: /faq#<anchor> opens and scrolls to it. Stable while the question is. */
  anchor: string;
}

export interface FaqGroup {
  category: string;
  label: string;
  items: FaqEntry[];
}

// The order people look for things in; unknown categories follow, alphabetically.
const categoryOrder = ['general', 'billing', 'product', 'privacy'];
const categoryLabels: Record<string, string> = {
  general: 'Getting started',
  billing: 'Plans, credits and billing',
  product: 'Using the product',
  privacy: 'Privacy and your data',
};

const labelOf = (category: string) =>
  categoryLabels[category] ?? category.charAt(0).toUpperCase() + category.slice(1).replace(/[-_]/g, ' ');

/** Lower case without accents, so "resume" finds "résumé". */
export const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function withAnchors(items: FaqItem[]): FaqEntry[] {
  const slugger = new GithubSlugger();
  return items.map((item) => ({ ...item, anchor: slugger.slug(item.question) }));
}

/** Items whose question or answer contains every word of the query (all items for an empty one). */
export function searchFaq(items: FaqEntry[], query: string): FaqEntry[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((item) => {
    const text = normalise(`${item.question} ${item.answer} ${labelOf(item.category)}`);
    return words.every((word) => text.includes(word));
  });
}

export function groupFaq(items: FaqEntry[]): FaqGroup[] {
  const groups = new Map<string, FaqEntry[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  const rank = (category: string) => {
    const index = categoryOrder.indexOf(category);
    return index === -1 ? categoryOrder.length : index;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, entries]) => ({
      category,
      label: labelOf(category),
      items: entries.sort((x, y) => x.position - y.position),
    }));
}
