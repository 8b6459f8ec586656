import { renderApp } from '@/test/render-app';
import { screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { RequireAuth } from './require-auth';

it('sends a signed-out visitor to sign in, remembering where they were going', async () => {
  const { router } = renderApp('/workforce?tab=inactive', {
    routes: [
      { element: <RequireAuth />, children: [{ path: '/workforce', element: <p>Your AI employees</p> }] },
      { path: '/sign-in', element: <h1>Sign in</h1> },
    ],
  });
  expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  expect(screen.queryByText('Your AI employees')).toBeNull();
  expect(router.state.location.pathname).toBe('/sign-in');
  expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/workforce?tab=inactive');
});
