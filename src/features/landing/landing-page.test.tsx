import { renderApp } from '@/test/render-app';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clearTestSession, storeTestSession } from '@/test/test-session';

describe('landing page', () => {
  it('says what the product is and offers both calls to action, inside the app shell', async () => {
    renderApp('/');

    const headline = await screen.findByRole('heading', { level: 1 });
    expect(headline.textContent).toMatch(/hire ai employees/i);

    const hero = headline.closest('section');
    expect(hero).not.toBeNull();
    const getStarted = within(hero!).getByRole('link', { name: 'Get started free' });
    const browse = within(hero!).getByRole('link', { name: 'Browse the marketplace' });
    expect(getStarted.getAttribute('href')).toBe('/sign-up');
    expect(browse.getAttribute('href')).toBe('/marketplace');

    // The layout's landmarks are there, and the page's sections follow the heading order.
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    const sections = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(sections).toEqual(
      expect.arrayContaining([
        'Everything you need to put AI to work',
        'From sign-up to a working AI team in minutes',
        'Simple plans, metered by the token',
      ]),
    );
    expect(screen.getByRole('link', { name: 'See full pricing and token packs' }).getAttribute('href')).toBe(
      '/pricing',
    );
  });

  it('shows signed-out visitors the public navigation and the sign-in links', async () => {
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual(['Marketplace', 'Pricing']);
    const header = screen.getByRole('banner');
    expect(await within(header).findByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(within(header).getByRole('link', { name: 'Get started' }).getAttribute('href')).toBe('/sign-up');
  });

  it('sends signed-in members to their dashboard instead of sign-up, and shows the member navigation', async () => {
    storeTestSession();
    renderApp('/');
    const hero = (await screen.findByRole('heading', { level: 1 })).closest('section')!;
    expect(
      (await within(hero).findByRole('link', { name: 'Go to your dashboard' })).getAttribute('href'),
    ).toBe('/dashboard');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Marketplace',
      'Pricing',
      'Dashboard',
      'Workforce',
      'Chat',
      'Team runs',
      'Workflows',
      'Billing',
      'Support',
    ]);
  });
});

afterEach(() => clearTestSession());
