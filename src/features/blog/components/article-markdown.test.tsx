import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readingMinutes } from '@/shared/blog';
import { ArticleMarkdown } from './article-markdown';

describe('ArticleMarkdown', () => {
  it('gives headings anchors (unique, as GitHub makes them) and keeps the page h1 for the title', () => {
    render(
      <ArticleMarkdown>{'# Intro\n\n## Pay for what you use\n\n## Pay for what you use'}</ArticleMarkdown>,
    );
    const headings = screen.getAllByRole('heading');
    expect(headings.map((h) => [h.tagName, h.id])).toEqual([
      ['H2', 'intro'],
      ['H2', 'pay-for-what-you-use'],
      ['H2', 'pay-for-what-you-use-1'],
    ]);
    expect(screen.getAllByRole('link', { name: 'Link to this section' })[1]).toHaveProperty(
      'hash',
      '#pay-for-what-you-use',
    );
  });

  it('shows images from the site, turns other images into links, and drops unsafe links and raw HTML', () => {
    render(
      <ArticleMarkdown>
        {
          '![Chart](/avatars/ada.svg) ![Tracker](https://evil.example/pixel.png) [pricing](/pricing) [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
        }
      </ArticleMarkdown>,
    );
    expect(screen.getByRole('img', { name: 'Chart' })).toHaveProperty(
      'src',
      expect.stringContaining('/avatars/ada.svg'),
    );
    expect(screen.queryByRole('img', { name: 'Tracker' })).toBeNull();
    expect(screen.getByRole('link', { name: /Image: Tracker/ })).toHaveProperty(
      'href',
      'https://evil.example/pixel.png',
    );
    expect(screen.getByRole('link', { name: 'pricing' }).getAttribute('target')).toBeNull();
    expect(screen.queryByRole('link', { name: 'x' })).toBeNull();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});

describe('readingMinutes', () => {
  it('is at least a minute and grows with the text', () => {
    expect(readingMinutes('Short.')).toBe(1);
    expect(readingMinutes('word '.repeat(1100))).toBe(5);
  });
});
