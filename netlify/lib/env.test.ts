import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EnvError,
  llmProviderEnv,
  resetEnvForTests,
  serverEnv,
  serverEnvVariables,
  stripeEnv,
  upstashEnv,
} from './env';

const saved = { ...process.env };

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
});

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected an EnvError');
}

describe('server env', () => {
  it('names every missing and invalid variable at once', () => {
    delete process.env.SUPABASE_URL;
    process.env.DATABASE_URL = '';
    process.env.ALLOWED_ORIGINS = 'https://ok.example.com,not a url';
    process.env.LOG_LEVEL = 'verbose';
    resetEnvForTests();
    const problems = problemsOf(serverEnv);
    expect(problems).toHaveLength(4);
    expect(problems).toContain('SUPABASE_URL is missing');
    expect(problems).toContain('DATABASE_URL is missing');
    expect(problems.find((p) => p.startsWith('ALLOWED_ORIGINS'))).toMatch(/"not a url" is not an origin/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toBeDefined();
  });

  it('parses the allow-list into origins and caches until reset', () => {
    process.env.ALLOWED_ORIGINS = 'https://app.example.com, https://admin.example.com/';
    resetEnvForTests();
    expect(serverEnv().ALLOWED_ORIGINS).toEqual(['https://app.example.com', 'https://admin.example.com']);
    process.env.ALLOWED_ORIGINS = 'https://other.example.com';
    expect(serverEnv().ALLOWED_ORIGINS).toEqual(['https://app.example.com', 'https://admin.example.com']);
    resetEnvForTests();
    expect(serverEnv().ALLOWED_ORIGINS).toEqual(['https://other.example.com']);
  });

  it('checks a feature group only when that feature is used', () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_WEBHOOK_SECRET;
    delete process.env.ANTHROPIC_API_KEY;
    resetEnvForTests();
    expect(() => serverEnv()).not.toThrow();
    expect(problemsOf(stripeEnv)).toEqual([
      'STRIPE_SECRET_KEY is missing (needed for Stripe billing)',
      'STRIPE_WEBHOOK_SECRET is missing (needed for Stripe billing)',
    ]);
    expect(problemsOf(() => llmProviderEnv('anthropic'))).toEqual([
      'ANTHROPIC_API_KEY is missing (needed for the anthropic provider)',
    ]);
  });

  it('parses STRIPE_API_URL into what stripe-node needs', () => {
    Object.assign(process.env, {
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    });
    resetEnvForTests();
    expect(stripeEnv()).toEqual({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      api: { host: '127.0.0.1', port: 12111, protocol: 'http' },
    });
  });

  it('refuses half an Upstash configuration', () => {
    process.env.UPSTASH_REDIS_REST_URL = 'https://eu1-x.upstash.io';
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    resetEnvForTests();
    expect(problemsOf(upstashEnv)).toEqual([
      'UPSTASH_REDIS_REST_TOKEN is missing (needed for the Upstash rate limiter)',
    ]);
  });
});

describe('.env.example', () => {
  it('documents every variable the functions read', () => {
    const documented = new Set(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1])
        .filter(Boolean),
    );
    expect(serverEnvVariables.filter((name) => !documented.has(name))).toEqual([]);
  });
});
