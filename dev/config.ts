/**
 * Local platform defaults. Everything here is a local, public demo value (the Supabase CLI's demo
 * JWT secret and keys); real deployments set their own through the environment (.env.example).
 * Each value can be overridden by the variable named beside it.
 */
import path from 'node:path';

const env = process.env;
const int = (name: string, fallback: number) => {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${raw}"`);
  }
  return value;
};

export const projectRoot = path.resolve(import.meta.dirname, '..');

/** The Supabase CLI's demo JWT secret and the anon / service-role keys signed with it. */
export const demoJwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const demoAnonKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';
export const demoServiceRoleKey =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';
export const demoPublishableKey = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const demoSecretKey = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';

export interface LocalPorts {
  /** Embedded PostgreSQL (LOCAL_DB_PORT). */
  db: number;
  /** Supabase-compatible API: /auth/v1 and /rest/v1 (LOCAL_SUPABASE_PORT). */
  supabase: number;
  /** Vite + Netlify Functions under /api (LOCAL_APP_PORT). */
  app: number;
  /** The LLM stand-in for OpenAI, Anthropic, Gemini and Perplexity (LOCAL_LLM_PORT). */
  llm: number;
}

export const portVariables: Record<keyof LocalPorts, string> = {
  db: 'LOCAL_DB_PORT',
  supabase: 'LOCAL_SUPABASE_PORT',
  app: 'LOCAL_APP_PORT',
  llm: 'LOCAL_LLM_PORT',
};

export function localPorts(): LocalPorts {
  return {
    db: int(portVariables.db, 54322),
    supabase: int(portVariables.supabase, 54321),
    app: int(portVariables.app, 5173),
    llm: int(portVariables.llm, 54330),
  };
}

/** Where the local platform keeps its state (git-ignored). */
export const localDir = path.join(projectRoot, '.local');
export const localDataDir = path.join(localDir, 'postgres');
export const localLockFile = path.join(localDir, 'dev.lock');

/** The local Stripe stand-in (LOCAL_STRIPE_PORT) and the test-mode keys the app uses with it. */
export const localStripePort = () => int('LOCAL_STRIPE_PORT', 12111);
export const localStripeSecretKey = 'sk_test_local_stand_in';
export const localStripeWebhookSecret = 'whsec_local_stand_in';
