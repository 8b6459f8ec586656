/**
 * Starts what `npm run dev` starts — on free ports with a throw-away database — and serves the app
 * with Vite (functions in-process, netlify.toml through the Netlify plugin), so the browser talks to
 * the real SPA, functions and local API.
 */
import path from 'node:path';
import { createServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { startLocalPlatform } from '../../dev/platform';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const platform = await startLocalPlatform({ mode: 'test' });
  // The functions run inside this process (dev/functions), so they read this environment.
  Object.assign(process.env, platform.env);
  const vite = await createServer({
    configFile: path.resolve(import.meta.dirname, '../../vite.config.ts'),
    server: { port: platform.ports.app, strictPort: true },
    logLevel: 'warn',
  });
  await vite.listen();
  project.provide('platformEnv', platform.env);
  project.provide('appUrl', platform.env.APP_URL ?? '');
  return async () => {
    await vite.close();
    await platform.stop();
  };
}
