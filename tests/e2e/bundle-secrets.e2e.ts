/**
 * No secret reaches the client bundle (DESIGN.md §9). The build runs with every server secret in
 * its environment — as on Netlify, where the build sees all variables — and the output must contain
 * none of them, nor anything shaped like one.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const secrets: Record<string, string> = {
  SUPABASE_SERVICE_ROLE_KEY: process.env.SUPABASE_SERVICE_ROLE_KEY ?? '',
  SUPABASE_JWT_SECRET: process.env.SUPABASE_JWT_SECRET ?? '',
  DATABASE_URL: process.env.DATABASE_URL ?? '',
  STRIPE_SECRET_KEY: 'sk_test_bundle_canary_4242',
  STRIPE_WEBHOOK_SECRET: 'whsec_bundle_canary_4242',
  OPENAI_API_KEY: 'sk-openai-bundle-canary',
  ANTHROPIC_API_KEY: 'sk-ant-bundle-canary',
  GOOGLE_API_KEY: 'google-bundle-canary',
  PERPLEXITY_API_KEY: 'pplx-bundle-canary',
  UPSTASH_REDIS_REST_TOKEN: 'upstash-bundle-canary',
};

let outDir: string | undefined;
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

describe('client bundle', () => {
  it('contains no server secret even when the build environment has them all', async () => {
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, `${name} must be set for this test`).not.toBe('');
      process.env[name] = value;
    }
    outDir = await mkdtemp(path.join(os.tmpdir(), 'dist-'));
    await build({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });

    const leaks: string[] = [];
    let scanned = 0;
    for await (const file of files(outDir)) {
      const text = await readFile(file, 'utf8');
      scanned += 1;
      for (const [name, value] of Object.entries(secrets)) {
        if (text.includes(value)) leaks.push(`${path.relative(outDir, file)} contains ${name}`);
      }
      for (const pattern of [
        /sk_(live|test)_[A-Za-z0-9]{8,}/,
        /whsec_[A-Za-z0-9]{8,}/,
        /sb_secret_[A-Za-z0-9_-]{8,}/,
        /"role":"service_role"/,
      ]) {
        if (pattern.test(text)) leaks.push(`${path.relative(outDir, file)} matches ${pattern}`);
      }
    }
    expect(scanned).toBeGreaterThan(3);
    expect(leaks).toEqual([]);
  });
});
