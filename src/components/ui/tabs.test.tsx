import { fireEvent, render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { Tabs } from './tabs';

it('switches panels with the arrow keys, Home and End, keeping one tab in the tab order', () => {
  render(
    <Tabs
      label="Employee details"
      tabs={[
        { id: 'overview', label: 'Overview', content: <p>What this employee does</p> },
        { id: 'reviews', label: 'Reviews', content: <p>What users say</p> },
        { id: 'changelog', label: 'Changelog', content: <p>What changed</p> },
      ]}
    />,
  );
  const overview = screen.getByRole('tab', { name: 'Overview' });
  expect(overview.getAttribute('aria-selected')).toBe('true');
  expect(screen.getByRole('tabpanel').textContent).toBe('What this employee does');

  fireEvent.keyDown(overview, { key: 'ArrowRight' });
  const reviews = screen.getByRole('tab', { name: 'Reviews' });
  expect(reviews.getAttribute('aria-selected')).toBe('true');
  expect(document.activeElement).toBe(reviews);
  expect(screen.getByRole('tabpanel', { name: 'Reviews' }).textContent).toBe('What users say');

  fireEvent.keyDown(reviews, { key: 'End' });
  expect(screen.getByRole('tab', { name: 'Changelog' }).getAttribute('aria-selected')).toBe('true');
  fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
  expect(screen.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');

  expect(screen.getAllByRole('tab').filter((tab) => tab.tabIndex === 0)).toHaveLength(1);
});
