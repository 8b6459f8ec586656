import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { env } from '@/config/env';
import { initErrorReporting, reportError } from '@/lib/error-reporting';
import '@/styles/index.css';

initErrorReporting({ dsn: env.sentryDsn, environment: import.meta.env.MODE });

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">.');

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
