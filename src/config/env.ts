/**
 * The SPA's configuration: only `VITE_` variables, which Vite inlines into the public bundle.
 * Nothing secret belongs here — the anon key is public by design and RLS is what protects data.
 * Parsed once at start-up so a misconfigured deploy fails loudly, naming every missing variable,
 * instead of failing later with an obscure network error.
 */
import { z } from 'zod';

// Vite turns `VAR=` in a .env file into an empty string; treat that as "not set".
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

const clientEnvSchema = z.object({
  VITE_SUPABASE_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ })),
  VITE_SUPABASE_ANON_KEY: z.preprocess(blankAsUnset, z.string().min(1)),
  VITE_SENTRY_DSN: z.preprocess(blankAsUnset, z.url().optional()),
  VITE_APP_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).optional()),
});

export interface ClientEnv {
  supabaseUrl: string;
  supabaseAnonKey: string;
  /** Sentry is initialised only when this is set. */
  sentryDsn: string | undefined;
  /** Public origin of the app, for links that leave the browser (e.g. auth e-mail redirects). */
  appUrl: string | undefined;
}

export class ClientEnvError extends Error {
  override readonly name = 'ClientEnvError';
  constructor(
    readonly variables: string[],
    detail: string,
  ) {
    super(
      `Missing or invalid environment variables: ${variables.join(', ')}. ${detail} ` +
        'Set them in .env (see .env.example) or in the Netlify site settings.',
    );
  }
}

export function parseClientEnv(source: Record<string, unknown>): ClientEnv {
  const result = clientEnvSchema.safeParse(source);
  if (!result.success) {
    const variables = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
    const detail = result.error.issues
      .map((issue) => {
        const name = String(issue.path[0]);
        return `${name}: ${blankAsUnset(source[name]) === undefined ? 'required' : issue.message}.`;
      })
      .join(' ');
    throw new ClientEnvError(variables, detail);
  }
  const parsed = result.data;
  return {
    supabaseUrl: parsed.VITE_SUPABASE_URL,
    supabaseAnonKey: parsed.VITE_SUPABASE_ANON_KEY,
    sentryDsn: parsed.VITE_SENTRY_DSN,
    appUrl: parsed.VITE_APP_URL?.replace(/\/+$/, ''),
  };
}

export const env: ClientEnv = parseClientEnv(import.meta.env);
