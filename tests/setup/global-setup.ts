/**
 * Starts the local platform once for the whole node test run: a throw-away embedded PostgreSQL on
 * a free port with bootstrap + migrations + seed, plus the local service stand-ins. Tests read the
 * resulting environment through tests/setup/env.ts.
 */
import type { TestProject } from 'vitest/node';
import { startLocalPlatform } from '../../dev/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    platformEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const platform = await startLocalPlatform({ mode: 'test' });
  project.provide('platformEnv', platform.env);
  return async () => {
    await platform.stop();
  };
}
