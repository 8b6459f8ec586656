import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Pagination, pageWindow } from './pagination';

describe('pageWindow', () => {
  it('keeps the first and last pages and a window around the current one', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, 'gap', 4, 5, 6, 'gap', 10]);
    expect(pageWindow(2, 10)).toEqual([1, 2, 3, 'gap', 10]);
  });
});

it('marks the current page and disables moving past the ends', () => {
  const onPageChange = vi.fn();
  render(<Pagination page={1} pageCount={4} onPageChange={onPageChange} />);
  expect(screen.getByRole('button', { name: 'Page 1' }).getAttribute('aria-current')).toBe('page');
  expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  fireEvent.click(screen.getByRole('button', { name: 'Page 4' }));
  expect(onPageChange.mock.calls).toEqual([[2], [4]]);
});

it('renders nothing when everything fits on one page', () => {
  const { container } = render(<Pagination page={1} pageCount={1} onPageChange={() => undefined} />);
  expect(container.innerHTML).toBe('');
});
