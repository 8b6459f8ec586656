import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { env } from '@/config/env';
import { initErrorReporting, reportError } from '@/lib/error-reporting';
import { App } from './app';
import { router } from './router';
import '@/styles/index.css';

/** Resolves once the router has loaded the current route's code (its `lazy` modules). */
function routeLoaded(): Promise<void> {
  if (router.state.initialized) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = router.subscribe((state) => {
      if (!state.initialized) return;
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Starts the SPA in `container`. `replacing` is for a prerendered marketing page the SPA takes
 * over (a visitor who may be signed in, ADR 0083): the page stays as it is until the route's code
 * has loaded, then the app replaces it in one render — no spinner flashes over it.
 */
export async function startApp(container: HTMLElement, { replacing = false } = {}): Promise<void> {
  initErrorReporting({ dsn: env.sentryDsn, environment: import.meta.env.MODE });
  if (replacing) await routeLoaded();
  createRoot(container, {
    // Errors no boundary caught; the boundaries report the ones they catch themselves.
    onUncaughtError: (error, info) => {
      console.error(error);
      reportError(error, { componentStack: info.componentStack });
    },
  }).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
