/**
 * Setup for every jsdom test (vitest.config.ts, project "dom"): the VITE_ variables the SPA
 * reads, a patient wait for async queries, and unmounting what a test rendered (Testing Library
 * only does that by itself when vitest globals are on, which they are not).
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import './test-env';

// A route's first render includes transforming its lazily imported module; on a busy machine
// that alone can exceed Testing Library's default 1 s wait.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());
