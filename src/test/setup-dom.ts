/**
 * Setup for every jsdom test (vitest.config.ts, project "dom"): the VITE_ variables the SPA
 * reads, and unmounting what a test rendered (Testing Library only does that by itself when
 * vitest globals are on, which they are not).
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import './test-env';

afterEach(() => cleanup());
