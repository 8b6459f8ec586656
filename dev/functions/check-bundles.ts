/**
 * `npm run check:functions`: bundles every function exactly as a Netlify deploy does —
 * zip-it-and-ship-it with netlify.toml's `[functions]` settings (esbuild) — into a temporary
 * directory, then loads each bundle in a fresh Node process from that directory alone, and fails if
 * one would not deploy or run: a bundling error, a module the bundle does not carry (zisi leaves an
 * unresolvable import in place), no default export, or more than Lambda's 250 MB unzipped.
 * Nothing is left behind. The dev server no longer bundles (ADR 0023), so this is what proves the
 * functions still deploy; CI runs it after the build.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { zipFunctions } from '@netlify/zip-it-and-ship-it';
import { projectRoot } from '../config.ts';

const UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

async function main() {
  const directory = path.join(projectRoot, 'netlify/functions');
  const target = await mkdtemp(path.join(os.tmpdir(), 'functions-bundle-'));
  const started = performance.now();
  try {
    const results = await zipFunctions([directory], target, {
      basePath: projectRoot,
      archiveFormat: 'none',
      config: { '*': { nodeBundler: 'esbuild' } },
    });
    const problems: string[] = [];
    const rows: string[] = [];
    for (const result of results) {
      const size = await sizeOf(result.path);
      if (size > UNZIPPED_LIMIT_BYTES) problems.push(`${result.name}: ${mb(size)} is over the 250 MB limit`);
      const loadError = await loadBundle(result.path, result.entryFilename);
      if (loadError) problems.push(`${result.name}: ${loadError}`);
      for (const warning of result.bundlerWarnings ?? []) {
        rows.push(
          `  warning ${result.name}: ${(warning as { text?: string }).text ?? JSON.stringify(warning)}`,
        );
      }
      const trigger = result.schedule
        ? `schedule ${result.schedule}`
        : (result.routes?.map((route) => route.pattern).join(', ') ?? '');
      rows.push(`  ${result.name.padEnd(32)} ${mb(size).padStart(9)}  ${trigger || '(default URL)'}`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Bundled and loaded ${results.length} functions in ${seconds}s:\n${rows.join('\n')}`);
    if (problems.length > 0) {
      console.error(`\nThese functions would not deploy:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await rm(target, { recursive: true, force: true });
  }
}

/**
 * Imports the function's bundled module in a child process that can reach only the bundle's own
 * files. (The Netlify entry point itself needs Lambda's runtime globals; it only wraps this file.)
 */
async function loadBundle(directory: string, entry: string | undefined): Promise<string | undefined> {
  if (!entry) return 'no entry file was produced';
  const entrySource = await readFile(path.join(directory, entry), 'utf8');
  const main = /getLambdaHandler\((['"])(.+?)\1\)/.exec(entrySource)?.[2];
  if (!main) return `the entry ${entry} names no function module`;
  const url = pathToFileURL(path.join(directory, main)).href;
  const script = [
    `const m = await import(${JSON.stringify(url)});`,
    `if (typeof m.default !== 'function') throw new Error('the function module has no default export');`,
  ].join(' ');
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: directory,
      env: { PATH: process.env.PATH ?? '' },
    });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    const lines = stderr.split('\n').map((line) => line.trim());
    return lines.find((line) => /^(\w*Error\b|Error:)/.test(line)) ?? lines.find(Boolean) ?? 'failed to load';
  }
}

async function sizeOf(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(target)) total += await sizeOf(path.join(target, entry));
  return total;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

main().catch((error: unknown) => {
  console.error(`Bundling failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
