import { startApp } from '@/app/start-app';

// The SPA's entry (app.html). The marketing pages have their own (src/app/marketing, ADR 0083).
const container = document.getElementById('root');
if (!container) throw new Error('app.html must contain <div id="root">.');
void startApp(container);
