/**
 * The supabase-js checkout the compatibility harness runs (SUPABASE_JS_DIR) and the test tooling
 * its suites need. The monorepo installs with pnpm workspaces and `catalog:` versions; rather than
 * the whole workspace (nx, playwright, the CLI binary …) only what the three suites import is
 * installed, at the catalog's versions, into `<checkout>/.compat-deps` and linked as
 * `<checkout>/node_modules` — nothing lands in this project's package.json. The workspace packages
 * themselves are mapped to their sources (see suites.ts), so nothing has to be built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import path from 'node:path';

/** Versions from the monorepo's pnpm-workspace.yaml catalog and the packages' devDependencies. */
export const TOOLING: Record<string, string> = {
  jest: '30.4.2',
  'ts-jest': '^29.4.9',
  '@jest/globals': '^30.0.0',
  '@jest/types': '^30.0.0',
  '@jest/test-sequencer': '^30.0.0',
  '@types/jest': '30.0.0',
  '@types/node': '20.19.9',
  'jest-environment-jsdom': '30.4.1',
  'jest-mock-server': '^0.1.0',
  typescript: '~5.8.3',
  prettier: '^3.6.2',
  tslib: '2.8.1',
  jsonwebtoken: '^9.0.0',
  '@types/jsonwebtoken': '^8.5.8',
  '@faker-js/faker': '^9.9.0',
  '@supabase/phoenix': '0.4.5',
  'iceberg-js': '^0.8.1',
  ws: '^8.18.0',
  'type-fest': '^4.32.0',
  zod: '^3.25.76',
  '@opentelemetry/api': '^1.9.0',
  '@opentelemetry/context-async-hooks': '^2.8.0',
  '@opentelemetry/core': '^2.8.0',
  '@opentelemetry/sdk-trace-node': '^2.8.0',
};

export const CORE_PACKAGES = ['postgrest-js', 'auth-js', 'supabase-js'] as const;

export function resolveCheckout(): string {
  const dir = process.env.SUPABASE_JS_DIR;
  if (!dir) {
    throw new Error(
      'SUPABASE_JS_DIR is not set: point it at a checkout of github.com/supabase/supabase-js ' +
        '(see docs/local-development.md, "Supabase compatibility suites").',
    );
  }
  const checkout = path.resolve(dir);
  for (const name of CORE_PACKAGES) {
    if (!existsSync(path.join(checkout, 'packages/core', name, 'package.json'))) {
      throw new Error(`${checkout} is not a supabase-js monorepo checkout (no packages/core/${name})`);
    }
  }
  return checkout;
}

/** Installs the tooling into the checkout once (and again when TOOLING changes). */
export function ensureTooling(checkout: string, log: (line: string) => void): void {
  const depsDir = path.join(checkout, '.compat-deps');
  const manifest = { name: 'supabase-compat-tooling', private: true, dependencies: TOOLING };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestFile = path.join(depsDir, 'package.json');
  const installed =
    existsSync(path.join(depsDir, 'node_modules', '.bin', 'jest')) &&
    existsSync(manifestFile) &&
    readFileSync(manifestFile, 'utf8') === manifestText;
  if (!installed) {
    mkdirSync(depsDir, { recursive: true });
    writeFileSync(manifestFile, manifestText);
    log(`installing the suites' test tooling into ${depsDir} (npm install, once)…`);
    const result = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
      {
        cwd: depsDir,
        stdio: 'inherit',
      },
    );
    if (result.status !== 0) throw new Error(`npm install in ${depsDir} failed (exit ${result.status})`);
  }
  const link = path.join(checkout, 'node_modules');
  let linked = false;
  try {
    linked = lstatSync(link).isSymbolicLink() || existsSync(path.join(link, '.bin', 'jest'));
  } catch {
    linked = false;
  }
  if (!linked) symlinkSync(path.join(depsDir, 'node_modules'), link, 'dir');
}
