/**
 * The three suites of the supabase-js monorepo the harness runs unchanged, and the environment each
 * expects from `supabase start` in its own directory (its config.toml, migrations and seed; the
 * auth-js suite's RSA signing keys). Only the environment is adapted: ports (preload.cjs), the
 * gateway's key check (the CLI's Kong validates nothing) and the workspace packages mapped to
 * their sources instead of built `dist/` folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ForeignProject } from '../../dev/platform';

export interface Suite {
  name: 'postgrest-js' | 'auth-js' | 'supabase-js';
  packageDir: string;
  project: ForeignProject;
  /** Jest options besides the shared ones (run.ts). */
  jest: Record<string, unknown>;
  /** The CLI's `[auth] signing_keys_path`: private JWKs GoTrue signs with (read after `prepare`). */
  signingKeysFile?: string;
  /** Runs before the platform starts (e.g. generating keys the suite reads). */
  prepare?: () => void;
}

/** `[api] schemas = [...]` of a config.toml (the flat settings reader ignores arrays). */
function tomlArray(text: string, table: string, key: string): string[] | undefined {
  const section = text.split(/^\[/m).find((part) => part.startsWith(`${table}]`));
  const match = section ? new RegExp(`^${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm').exec(section) : null;
  return match ? [...match[1]!.matchAll(/"([^"]*)"/g)].map((item) => item[1]!) : undefined;
}

function tomlString(text: string, table: string, key: string): string | undefined {
  const section = text.split(/^\[/m).find((part) => part.startsWith(`${table}]`));
  return section ? new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(section)?.[1] : undefined;
}

/** The project as `supabase start --workdir <dir>` would set it up from `<dir>/supabase`. */
function cliProject(supabaseDir: string, extra: Partial<ForeignProject> = {}): ForeignProject {
  const configFile = path.join(supabaseDir, 'config.toml');
  const toml = readFileSync(configFile, 'utf8');
  const siteUrl = tomlString(toml, 'auth', 'site_url') ?? 'http://127.0.0.1:3000';
  return {
    migrationsDir: path.join(supabaseDir, 'migrations'),
    seedFile: path.join(supabaseDir, 'seed.sql'),
    exposedSchemas: tomlArray(toml, 'api', 'schemas') ?? ['public', 'graphql_public'],
    configFile,
    siteUrl,
    redirectAllowList: tomlArray(toml, 'auth', 'additional_redirect_urls') ?? [],
    apiKeyCheck: 'cli',
    ...extra,
  };
}

export function suites(checkout: string): Suite[] {
  const core = (name: string) => path.join(checkout, 'packages/core', name);
  const postgrest = core('postgrest-js');
  const auth = core('auth-js');
  const supabase = core('supabase-js');
  const signingKeysFile = path.join(auth, 'test/supabase/signing_keys.json');

  return [
    {
      name: 'postgrest-js',
      packageDir: postgrest,
      // project.json `test:suite`: jest --runInBand --testPathIgnorePatterns='test/v12/'
      project: cliProject(path.join(postgrest, 'test/supabase')),
      jest: {
        testPathIgnorePatterns: ['/node_modules/', 'test/v12/'],
        testSequencer: path.join(postgrest, 'test/testSequencer.js'),
        tsconfig: path.join(postgrest, 'tsconfig.test.json'),
      },
    },
    {
      name: 'auth-js',
      packageDir: auth,
      // project.json `test:suite`: jest --config jest.config.cli.js (docker-tests need other servers).
      project: cliProject(path.join(auth, 'test/supabase')),
      signingKeysFile,
      prepare: () => {
        // The suite's own `test:generate-keys` target; signing_keys.json is not committed.
        if (existsSync(signingKeysFile)) return;
        const result = spawnSync('node', ['test/generate-signing-keys.js'], { cwd: auth, stdio: 'ignore' });
        if (result.status !== 0) throw new Error('auth-js: test/generate-signing-keys.js failed');
      },
      jest: {
        testPathIgnorePatterns: ['/node_modules/', '/docker-tests/', '/example/'],
        tsconfig: path.join(auth, 'tsconfig.test.json'),
      },
    },
    {
      name: 'supabase-js',
      packageDir: supabase,
      // `test:integration`: jest --runInBand --detectOpenHandles test/integration.test.ts
      project: cliProject(path.join(supabase, 'supabase')),
      jest: {
        testMatch: ['<rootDir>/test/integration.test.ts'],
        setupFilesAfterEnv: [path.join(supabase, 'jest.setup.ts')],
        tsconfig: path.join(supabase, 'tsconfig.json'),
      },
    },
  ];
}
