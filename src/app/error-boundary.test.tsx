import { renderApp } from '@/test/render-app';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppErrorBoundary } from './error-boundary';
import { RootLayout } from './layout/root-layout';
import { RouteError } from './route-error';

// React logs caught render errors to the console; keep test output readable.
const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);
afterEach(() => vi.restoreAllMocks());

let shouldThrow = true;
function Fragile() {
  if (shouldThrow) throw new Error('Widget exploded');
  return <p>Widget works</p>;
}

describe('AppErrorBoundary', () => {
  it('renders the friendly fallback, the error in development, and recovers on retry', () => {
    quiet();
    shouldThrow = true;
    render(
      <AppErrorBoundary>
        <Fragile />
      </AppErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    // Vitest runs with import.meta.env.DEV = true, so the details are shown.
    expect(screen.getByText(/Widget exploded/)).toBeTruthy();

    shouldThrow = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Widget works')).toBeTruthy();
  });

  it('accepts a custom fallback', () => {
    quiet();
    function Boom(): never {
      throw new Error('no');
    }
    render(
      <AppErrorBoundary fallback={({ reset }) => <button onClick={reset}>Reload widget</button>}>
        <Boom />
      </AppErrorBoundary>,
    );
    expect(screen.getByRole('button', { name: 'Reload widget' })).toBeTruthy();
  });
});

describe('route errors', () => {
  it('keep the layout and show the fallback when a page throws', async () => {
    quiet();
    const Broken = () => {
      throw new Error('Page exploded');
    };
    renderApp('/broken', {
      routes: [
        {
          path: '/',
          Component: RootLayout,
          children: [{ errorElement: <RouteError />, children: [{ path: 'broken', Component: Broken }] }],
        },
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByText(/Page exploded/)).toBeTruthy();
  });
});
