/**
 * `npm run test:supabase-compat [-- <suite>…] [--json <file>] | [--report <file>]`: runs Supabase's own client suites
 * (postgrest-js, auth-js, supabase-js integration from the supabase-js monorepo at SUPABASE_JS_DIR)
 * unchanged against the local platform, one throw-away database per suite, and prints pass/fail
 * figures per suite and the failures by category. Not part of `npm test`; see
 * docs/local-development.md.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import { startLocalPlatform } from '../../dev/platform';
import { ensureTooling, resolveCheckout } from './checkout';
import { printReport, type SuiteResult, type TestOutcome } from './report';
import { suites, type Suite } from './suites';

const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The Supabase CLI's API port, hard-coded by the suites. */
const CLI_API_PORT = 54321;

const bootstrapSql = readFileSync(path.join(import.meta.dirname, '../../dev/postgres/bootstrap.sql'), 'utf8');

/**
 * Embedded PostgreSQL has no PostGIS. The postgrest-js fixture creates one geometry column for its
 * GeoJSON tests; it becomes a text column holding the EWKT, so the rest of the fixture applies and
 * only those tests fail.
 */
const WITHOUT_POSTGIS: Array<[RegExp, string, string]> = [
  [
    /create extension if not exists postgis[^;]*;/i,
    '-- (postgis: not available)',
    'no PostGIS: extension left out',
  ],
  [/extensions\.geometry\(POINT, 4326\)/i, 'text', 'no PostGIS: geometry column stored as text'],
];

/**
 * The suite's migrations, minus those for services this platform does not have yet (Realtime's and
 * Storage's schemas come with their servers): those are reported, and their tests fail.
 */
function availableMigrations(dir: string, log: (line: string) => void): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'compat-migrations-'));
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.sql'));
  } catch {
    return target;
  }
  for (const file of files) {
    const sql = readFileSync(path.join(dir, file), 'utf8');
    const missing = ['realtime', 'storage'].filter(
      (schema) =>
        new RegExp(`"?${schema}"?\\s*\\.`, 'i').test(sql) &&
        !new RegExp(`create schema (if not exists )?"?${schema}"?`, 'i').test(bootstrapSql),
    );
    if (missing.length > 0) {
      log(`  skipped migration ${file}: needs schema ${missing.join(', ')} (no such server yet)`);
      continue;
    }
    let adapted = sql;
    for (const [pattern, replacement, reason] of WITHOUT_POSTGIS) {
      if (pattern.test(adapted)) log(`  ${file}: ${reason}`);
      adapted = adapted.replace(pattern, replacement);
    }
    writeFileSync(path.join(target, file), adapted);
  }
  return target;
}

function jestConfig(checkout: string, suite: Suite): Record<string, unknown> {
  const { tsconfig, ...rest } = suite.jest;
  const core = (name: string) => path.join(checkout, 'packages/core', name, 'src');
  const fromCheckout = createRequire(path.join(checkout, 'package.json'));
  return {
    rootDir: suite.packageDir,
    testEnvironment: 'node',
    transform: {
      // Type-checking is the suites' own `type-check` job, not what is measured here.
      '^.+\\.tsx?$': [fromCheckout.resolve('ts-jest'), { tsconfig, diagnostics: false }],
    },
    moduleNameMapper: {
      '^@supabase/(auth-js|postgrest-js|realtime-js|storage-js|functions-js)$': `${core('$1')}/index.ts`,
      '^@supabase/supabase-js$': `${core('supabase-js')}/index.ts`,
      '^@supabase/supabase-js/(cors|tracing)$': `${core('supabase-js')}/$1.ts`,
      '^@supabase/tracing$': path.join(checkout, 'packages/shared/tracing/src/index.ts'),
    },
    prettierPath: fromCheckout.resolve('prettier'),
    testTimeout: 30_000,
    silent: true,
    ...rest,
  };
}

interface JestJson {
  testResults: Array<{
    name: string;
    message: string;
    assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
  }>;
}

async function runJest(checkout: string, suite: Suite, apiPort: number): Promise<TestOutcome[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), `compat-${suite.name}-`));
  const configFile = path.join(work, 'jest.config.json');
  const outputFile = path.join(work, 'results.json');
  writeFileSync(configFile, JSON.stringify(jestConfig(checkout, suite)));
  const jest = path.join(checkout, 'node_modules', '.bin', 'jest');
  const args = [
    '--config',
    configFile,
    '--ci',
    '--runInBand',
    '--forceExit',
    '--json',
    '--outputFile',
    outputFile,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(jest, args, {
      cwd: suite.packageDir,
      stdio: ['ignore', 'ignore', process.env.COMPAT_VERBOSE ? 'inherit' : 'ignore'],
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(import.meta.dirname, 'preload.cjs')}`,
        COMPAT_PORT_MAP: `${CLI_API_PORT}=${apiPort}`,
        COMPAT_CHECKOUT: checkout,
      },
    });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  let json: JestJson;
  try {
    json = JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const outcomes: TestOutcome[] = [];
  for (const file of json.testResults) {
    const relative = path.relative(suite.packageDir, file.name);
    if (file.assertionResults.length === 0 && file.message) {
      outcomes.push({ file: relative, name: '(file failed to run)', passed: false, message: file.message });
    }
    for (const test of file.assertionResults) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') continue;
      outcomes.push({
        file: relative,
        name: test.fullName,
        passed: test.status === 'passed',
        message: test.failureMessages.join('\n').replace(ANSI_COLOURS, ''),
      });
    }
  }
  return outcomes;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonIndex = args.indexOf('--json');
  const jsonFile = jsonIndex >= 0 ? args.splice(jsonIndex, 2)[1] : undefined;
  const log = (line: string) => console.log(line);
  const reportIndex = args.indexOf('--report');
  if (reportIndex >= 0) {
    // Re-print the figures of an earlier run saved with --json.
    printReport(JSON.parse(readFileSync(args[reportIndex + 1]!, 'utf8')) as SuiteResult[], log);
    return;
  }
  const checkout = resolveCheckout();
  ensureTooling(checkout, log);

  const wanted = suites(checkout).filter((suite) => args.length === 0 || args.includes(suite.name));
  const results: SuiteResult[] = [];
  for (const suite of wanted) {
    log(`\n▶ ${suite.name}`);
    suite.prepare?.();
    const migrationsDir = availableMigrations(suite.project.migrationsDir, log);
    const started = Date.now();
    const platform = await startLocalPlatform({
      mode: 'test',
      project: {
        ...suite.project,
        migrationsDir,
        jwt: suite.signingKeysFile
          ? { signingKeys: JSON.parse(readFileSync(suite.signingKeysFile, 'utf8')) as JWK[] }
          : undefined,
      },
      log: (line) => {
        if (process.env.COMPAT_VERBOSE) console.log(line);
      },
    });
    try {
      const tests = await runJest(checkout, suite, platform.ports.supabase);
      results.push({ suite: suite.name, tests, seconds: (Date.now() - started) / 1000 });
      log(`  ${tests.filter((t) => t.passed).length} / ${tests.length} passed`);
    } finally {
      await platform.stop();
      rmSync(migrationsDir, { recursive: true, force: true });
    }
  }
  printReport(results, log);
  if (jsonFile) {
    mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
    writeFileSync(jsonFile, JSON.stringify(results, null, 2));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
