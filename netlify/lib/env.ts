/**
 * The functions' server environment, parsed once with Zod and cached. Parsing fails fast with one
 * error naming every missing or invalid variable, so a misconfigured deploy says everything that is
 * wrong at once instead of one variable per redeploy.
 *
 * Core variables are needed by every function; feature groups (Stripe, LLM providers, Upstash) are
 * checked only by the accessor of that feature, so a deploy without Stripe keys still serves chat.
 */
import { z } from 'zod';
import type { LlmProviderName } from '../../src/shared/llm-contract';

/** Thrown when the environment is incomplete; the pipeline answers 503 and logs `problems`. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Server environment is misconfigured: ${problems.join('; ')}`);
    this.name = 'EnvError';
  }
}

// Hosting dashboards often store "unset" as an empty string; treat it as missing.
const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');
const blankToUndefined = (value: unknown) => (isBlank(value) ? undefined : value);
const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const httpUrl = z.url({ protocol: /^https?$/ });
const secret = z.string().min(1);
const origin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      if (url.origin === 'null' || url.origin !== value.replace(/\/$/, '')) throw new Error('not an origin');
      return url.origin;
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin like https://app.example.com` });
      return z.NEVER;
    }
  });

const schema = z.object({
  SUPABASE_URL: required(httpUrl),
  SUPABASE_ANON_KEY: required(secret),
  SUPABASE_SERVICE_ROLE_KEY: required(secret),
  DATABASE_URL: required(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')),
  ALLOWED_ORIGINS: required(
    z
      .string()
      .transform((value) => value.split(',').filter((part) => part.trim() !== ''))
      .pipe(z.array(origin)),
  ),
  APP_URL: required(httpUrl),

  SUPABASE_JWT_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  SUPABASE_JWKS_URL: optional(httpUrl),
  SENTRY_DSN: optional(httpUrl),
  SENTRY_ENVIRONMENT: optional(z.string()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  ),
  APP_VERSION: optional(z.string()),
  /** The platform's limit for a synchronous function (netlify/lib/llm/deadline.ts). */
  FUNCTION_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(5).max(900)),

  UPSTASH_REDIS_REST_URL: optional(httpUrl),
  UPSTASH_REDIS_REST_TOKEN: optional(secret),

  OPENAI_API_KEY: optional(secret),
  OPENAI_BASE_URL: optional(httpUrl),
  ANTHROPIC_API_KEY: optional(secret),
  ANTHROPIC_BASE_URL: optional(httpUrl),
  GOOGLE_API_KEY: optional(secret),
  GOOGLE_BASE_URL: optional(httpUrl),
  PERPLEXITY_API_KEY: optional(secret),
  PERPLEXITY_BASE_URL: optional(httpUrl),

  STRIPE_SECRET_KEY: optional(secret),
  STRIPE_WEBHOOK_SECRET: optional(secret),
  STRIPE_API_URL: optional(httpUrl),

  RESEND_API_KEY: optional(secret),
  EMAIL_FROM: optional(
    z.string().regex(/^[^<>]*<?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an address like "Name <team@example.com>"'),
  ),
  LOCAL_OUTBOX_DIR: optional(z.string()),
});

export type ServerEnv = z.infer<typeof schema>;

/** Every variable the functions read (documented in .env.example; a test keeps them in step). */
export const serverEnvVariables = Object.keys(schema.shape) as Array<keyof ServerEnv>;

let cached: ServerEnv | undefined;

/** The parsed server environment; throws EnvError listing every problem. */
export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return isBlank(process.env[name]) ? `${name} is missing` : `${name}: ${issue.message}`;
      }),
    );
  }
  cached = result.data;
  return cached;
}

/** Forget the cached environment so the next call re-reads process.env (tests only). */
export function resetEnvForTests(): void {
  cached = undefined;
}

function requireAll<K extends keyof ServerEnv>(
  feature: string,
  names: readonly K[],
): { [P in K]-?: NonNullable<ServerEnv[P]> } {
  const env = serverEnv();
  const missing = names.filter((name) => env[name] === undefined);
  if (missing.length > 0)
    throw new EnvError(missing.map((name) => `${String(name)} is missing (needed for ${feature})`));
  return Object.fromEntries(names.map((name) => [name, env[name]])) as {
    [P in K]-?: NonNullable<ServerEnv[P]>;
  };
}

export interface StripeEnv {
  secretKey: string;
  webhookSecret: string;
  /** Set when STRIPE_API_URL points the SDK at another host (the local stand-in). */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
}

/** Stripe's settings; throws EnvError naming the missing Stripe variables. */
export function stripeEnv(): StripeEnv {
  const env = requireAll('Stripe billing', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
  const apiUrl = serverEnv().STRIPE_API_URL;
  let api: StripeEnv['api'];
  if (apiUrl) {
    const url = new URL(apiUrl);
    const protocol = url.protocol === 'http:' ? 'http' : 'https';
    api = {
      host: url.hostname,
      port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
      protocol,
    };
  }
  return { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, api };
}

/** The provider names of src/shared/llm-contract.ts (the one definition). */
export type LlmProvider = LlmProviderName;

const providerVariables = {
  openai: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'],
  anthropic: ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL'],
  google: ['GOOGLE_API_KEY', 'GOOGLE_BASE_URL'],
  perplexity: ['PERPLEXITY_API_KEY', 'PERPLEXITY_BASE_URL'],
} as const satisfies Record<LlmProvider, readonly [keyof ServerEnv, keyof ServerEnv]>;

export interface LlmProviderEnv {
  apiKey: string;
  /** Unset means the SDK's default (the provider's public API). */
  baseUrl?: string;
}

/** One provider's key and base URL; throws EnvError when its key is missing. */
export function llmProviderEnv(provider: LlmProvider): LlmProviderEnv {
  const [keyName, baseUrlName] = providerVariables[provider];
  const env = requireAll(`the ${provider} provider`, [keyName]);
  return { apiKey: env[keyName], baseUrl: serverEnv()[baseUrlName] };
}

export interface UpstashEnv {
  url: string;
  token: string;
}

/** Upstash Redis settings, or undefined when not configured; half a configuration is an error. */
export function upstashEnv(): UpstashEnv | undefined {
  const env = serverEnv();
  if (!env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) return undefined;
  const both = requireAll('the Upstash rate limiter', ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']);
  return { url: both.UPSTASH_REDIS_REST_URL, token: both.UPSTASH_REDIS_REST_TOKEN };
}

export type EmailEnv =
  | { transport: 'resend'; apiKey: string; from: string }
  | { transport: 'local-outbox'; dir: string; from: string };

const localFrom = 'AGI Agent Automation <no-reply@agi-agent.local>';

/**
 * How email leaves: through Resend when its key is set (EMAIL_FROM then names the verified
 * sender), else into the local outbox directory; neither is an EnvError, so mail waits in the
 * outbox table instead of being dropped.
 */
export function emailEnv(): EmailEnv {
  const env = serverEnv();
  if (env.RESEND_API_KEY) {
    const { EMAIL_FROM } = requireAll('sending email through Resend', ['EMAIL_FROM']);
    return { transport: 'resend', apiKey: env.RESEND_API_KEY, from: EMAIL_FROM };
  }
  if (env.LOCAL_OUTBOX_DIR)
    return { transport: 'local-outbox', dir: env.LOCAL_OUTBOX_DIR, from: env.EMAIL_FROM ?? localFrom };
  throw new EnvError(['RESEND_API_KEY is missing (needed for sending email)']);
}
