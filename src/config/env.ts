/**
 * The SPA's configuration: only `VITE_` variables, which Vite inlines into the public bundle.
 * Nothing secret belongs here — the anon key is public by design and RLS is what protects data.
 * Checked once at start-up so a misconfigured deploy fails loudly, naming every missing variable,
 * instead of failing later with an obscure network error.
 */
// Checked by hand, not with zod: this module is in every page's first load (the landing page's
// budget is 90 kB of JavaScript, and zod alone is ~26 kB gzip; ADR 0067).

// Vite turns `VAR=` in a .env file into an empty string; treat that as "not set".
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** Why `value` is not a URL (with one of `protocols`, when given), or undefined when it is one. */
function urlProblem(value: unknown, protocols?: string[]): string | undefined {
  if (typeof value !== 'string') return 'Expected a URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Invalid URL';
  }
  if (protocols && !protocols.includes(url.protocol))
    return `Invalid URL: expected ${protocols.join(' or ')}`;
  return undefined;
}

type Check = (value: unknown) => string | undefined;
const web = ['http:', 'https:'];
const checks: { name: string; required: boolean; check: Check }[] = [
  { name: 'VITE_SUPABASE_URL', required: true, check: (value) => urlProblem(value, web) },
  {
    name: 'VITE_SUPABASE_ANON_KEY',
    required: true,
    check: (value) => (typeof value === 'string' ? undefined : 'Expected a string'),
  },
  { name: 'VITE_SENTRY_DSN', required: false, check: (value) => urlProblem(value) },
  { name: 'VITE_APP_URL', required: false, check: (value) => urlProblem(value, web) },
];

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
  const problems: { name: string; text: string }[] = [];
  const read = (name: string): string | undefined => blankAsUnset(source[name]) as string | undefined;
  for (const { name, required, check } of checks) {
    const value = read(name);
    if (value === undefined) {
      if (required) problems.push({ name, text: 'required' });
      continue;
    }
    const problem = check(value);
    if (problem) problems.push({ name, text: problem });
  }
  if (problems.length) {
    throw new ClientEnvError(
      problems.map((problem) => problem.name),
      problems.map((problem) => `${problem.name}: ${problem.text}.`).join(' '),
    );
  }
  return {
    supabaseUrl: read('VITE_SUPABASE_URL')!,
    supabaseAnonKey: read('VITE_SUPABASE_ANON_KEY')!,
    sentryDsn: read('VITE_SENTRY_DSN'),
    appUrl: read('VITE_APP_URL')?.replace(/\/+$/, ''),
  };
}

export const env: ClientEnv = parseClientEnv(import.meta.env);
