import path from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end: the whole local platform plus the Vite dev server (with the functions), driven by
// Debian's Chromium through playwright-core. Files run one at a time: one browser, two cores.
export default defineConfig({
  root: path.resolve(import.meta.dirname, '../..'),
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    setupFiles: ['tests/setup/env.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
