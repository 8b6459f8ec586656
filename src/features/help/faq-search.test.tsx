import { describe, expect, it } from 'vitest';
import { groupFaq, searchFaq, withAnchors } from './faq-search';

const items = withAnchors([
  {
    id: '1',
    category: 'billing',
    position: 1,
    question: 'What happens to unused credits?',
    answer: 'They lapse.',
  },
  {
    id: '2',
    category: 'general',
    position: 0,
    question: 'What is an AI employee?',
    answer: 'A curated persona.',
  },
  {
    id: '3',
    category: 'billing',
    position: 0,
    question: 'What are token credits?',
    answer: '1,000,000 credits = US$1.',
  },
  { id: '4', category: 'zebra-stuff', position: 0, question: 'Can I export my résumé?', answer: 'Yes.' },
  {
    id: '5',
    category: 'general',
    position: 1,
    question: 'What is an AI employee?',
    answer: 'Duplicate question.',
  },
]);

describe('FAQ search', () => {
  it('gives every answer a stable, unique anchor from its question', () => {
    expect(items.map((item) => item.anchor)).toEqual([
      'what-happens-to-unused-credits',
      'what-is-an-ai-employee',
      'what-are-token-credits',
      'can-i-export-my-résumé',
      'what-is-an-ai-employee-1',
    ]);
  });

  it('matches every word in question, answer or category, ignoring case and accents', () => {
    expect(searchFaq(items, 'CREDITS token').map((item) => item.id)).toEqual(['3']);
    expect(searchFaq(items, 'resume').map((item) => item.id)).toEqual(['4']);
    expect(searchFaq(items, 'billing').map((item) => item.id)).toEqual(['1', '3']);
    expect(searchFaq(items, '   ')).toHaveLength(5);
    expect(searchFaq(items, 'refund lottery')).toEqual([]);
  });

  it('groups by category in reading order, items by position', () => {
    const groups = groupFaq(items);
    expect(groups.map((group) => [group.label, group.items.map((item) => item.id)])).toEqual([
      ['Getting started', ['2', '5']],
      ['Plans, credits and billing', ['3', '1']],
      ['Zebra stuff', ['4']],
    ]);
  });
});
