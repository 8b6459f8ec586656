import { renderApp } from '@/test/render-app';
import { screen } from '@testing-library/react';
import { expect, it } from 'vitest';

it('shows the not-found page, inside the layout, for an unknown URL', async () => {
  renderApp('/no/such/page');
  expect(await screen.findByRole('heading', { level: 1, name: 'We could not find that page' })).toBeTruthy();
  expect(screen.getByRole('banner')).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/');
});
