import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { Markdown } from './markdown';
import { safeUrl } from './safe-url';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it('renders headings (from h2 down), lists, tables, inline code and fenced code', () => {
  const { container } = render(
    <Markdown>
      {[
        '# Plan',
        '',
        '1. Draft',
        '2. Review with `git diff`',
        '',
        '- [x] done',
        '',
        '| Quarter | Goal |',
        '| --- | --- |',
        '| Q3 | Ship |',
        '',
        '```ts',
        'const answer = 42;',
        '```',
      ].join('\n')}
    </Markdown>,
  );

  expect(screen.getByRole('heading', { level: 2, name: 'Plan' })).toBeTruthy();
  expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    'Draft',
    'Review with git diff',
    ' done',
  ]);
  expect(container.querySelector('li code')?.textContent).toBe('git diff');
  expect(screen.getByRole('checkbox')).toBeTruthy();
  const table = screen.getByRole('table');
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent),
  ).toEqual(['Quarter', 'Goal']);
  expect(
    within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent),
  ).toEqual(['Q3', 'Ship']);
  const block = container.querySelector('pre > code');
  expect(block?.textContent).toBe('const answer = 42;\n');
  expect(block?.className).toBe('language-ts');
  expect(container.querySelector('.markdown__code-language')?.textContent).toBe('ts');
});

it('opens safe links in a new tab without an opener and renders unsafe ones as plain text', () => {
  render(
    <Markdown>
      {
        '[docs](https://example.com/a) [mail](mailto:ops@example.com) [evil](javascript:alert(1)) [caps](JaVaScRiPt:alert(1)) [data](data:text/html,x) [here](/settings)'
      }
    </Markdown>,
  );

  const docs = screen.getByRole('link', { name: /docs/ });
  expect(docs.getAttribute('href')).toBe('https://example.com/a');
  expect(docs.getAttribute('target')).toBe('_blank');
  expect(docs.getAttribute('rel')).toBe('noopener noreferrer');
  expect(screen.getByRole('link', { name: /mail/ }).getAttribute('href')).toBe('mailto:ops@example.com');
  expect(screen.getAllByRole('link')).toHaveLength(2);
  for (const text of ['evil', 'caps', 'data', 'here']) {
    const element = screen.getByText(text);
    expect(element.tagName).toBe('SPAN');
    expect(element.closest('a')).toBeNull();
  }
});

it('shows raw HTML as text and never creates its elements', () => {
  const { container } = render(
    <Markdown>
      {
        'Hi <script>window.pwned = true</script>\n\n<img src="x" onerror="window.pwned = true">\n\n<b>bold</b>'
      }
    </Markdown>,
  );

  expect(container.querySelector('script, img, b, [onerror]')).toBeNull();
  expect(container.textContent).toContain('<script>window.pwned = true</script>');
  expect(container.textContent).toContain('<img src="x" onerror="window.pwned = true">');
  expect((window as { pwned?: boolean }).pwned).toBeUndefined();
});

it('does not load markdown images; it links to them instead', () => {
  const { container } = render(
    <Markdown>{'![chart](https://tracker.example/p.png?secret=1) ![x](javascript:alert(1))'}</Markdown>,
  );

  expect(container.querySelector('img')).toBeNull();
  expect(screen.getByRole('link', { name: /Image: chart/ }).getAttribute('href')).toBe(
    'https://tracker.example/p.png?secret=1',
  );
  expect(screen.getByText('Image: x').closest('a')).toBeNull();
});

it('copies a code block without its final newline and announces it for two seconds', async () => {
  vi.useFakeTimers();
  const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
  render(<Markdown>{'```sh\nnpm test\nnpm run build\n```'}</Markdown>);

  const copy = screen.getByRole('button', { name: 'Copy code' });
  expect(copy.textContent).toBe('Copy');
  await act(async () => fireEvent.click(copy));

  expect(writeText).toHaveBeenCalledWith('npm test\nnpm run build');
  expect(screen.getByRole('status').textContent).toBe('Copied');
  expect(copy.textContent).toBe('Copied');
  expect(screen.getByRole('button', { name: 'Copy code' })).toBe(copy);

  act(() => vi.advanceTimersByTime(2000));
  expect(copy.textContent).toBe('Copy');
  expect(screen.getByRole('status').textContent).toBe('');
});

it('says so when the clipboard refuses', async () => {
  const writeText = vi.fn<(text: string) => Promise<void>>().mockRejectedValue(new Error('NotAllowedError'));
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
  render(<Markdown>{'```\nx\n```'}</Markdown>);

  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy code' })));

  expect(screen.getByRole('status').textContent).toMatch(/Could not copy/);
});

it('renders an answer cut off mid-stream, including an unterminated fence, as a code block in progress', () => {
  const chunks = ['Here', ' is **the', ' fix**:\n\n```py\ndef', ' f():\n    return [1,', ' 2'];
  const { container, rerender } = render(<Markdown>{''}</Markdown>);
  let text = '';
  for (const chunk of chunks) {
    text += chunk;
    expect(() => rerender(<Markdown>{text}</Markdown>)).not.toThrow();
  }

  expect(container.querySelector('strong')?.textContent).toBe('the fix');
  expect(container.querySelector('pre > code')?.textContent).toBe('def f():\n    return [1, 2\n');
  expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy();
});

it('keeps only absolute http(s) and mailto URLs, and same-page fragments', () => {
  expect(safeUrl('https://example.com/x?y=1#z')).toBe('https://example.com/x?y=1#z');
  expect(safeUrl('HTTP://Example.com')).toBe('http://example.com/');
  expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  expect(safeUrl('#user-content-fn-1')).toBe('#user-content-fn-1');
  for (const unsafe of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\nscript:x',
    'data:text/html,x',
    'vbscript:x',
    '/admin',
    '//evil.example',
    'file:///etc/passwd',
    '',
  ])
    expect(safeUrl(unsafe)).toBeUndefined();
});
