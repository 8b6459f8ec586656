/**
 * The local platform: everything `npm run dev`, the test suite and the e2e suite need, started in
 * one place. Each service gets its port from the caller, so tests can run beside a dev instance.
 *
 * The result's `env` is the environment the app (functions and SPA) needs to use these services —
 * the same variables a real deployment sets (see .env.example).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  demoAnonKey,
  demoJwtSecret,
  demoPublishableKey,
  demoSecretKey,
  demoServiceRoleKey,
  localDataDir,
  localDir,
  localPorts,
  localStripePort,
  localStripeSecretKey,
  localStripeWebhookSecret,
  portVariables,
  type LocalPorts,
} from './config';
import { resetDemoAdminPassword } from './admin/demo-admin';
import { assertPortFree, freePort } from './ports';
import { startEmbeddedPostgres } from './postgres/embedded';
import { prepareDatabase, recreateDatabase, type MigrationFile } from './postgres/migrate';
import { startLlmStandIn } from './stand-ins/llm/server';
import { startUpstashAdapter } from './stand-ins/upstash/server';
import { loadCatalogFromDatabase } from './stand-ins/stripe/catalog';
import { startStripeStandIn } from './stand-ins/stripe/server';
import type { JwtConfig } from './supabase/jwt';
import { startSupabaseApi } from './supabase/server';
import { llmProviderNames } from '../src/shared/llm-contract';

export interface PlatformOptions {
  /** `dev`: persistent data under .local/, fixed ports. `test`: throw-away data dir, free ports. */
  mode: 'dev' | 'test';
  ports?: Partial<LocalPorts>;
  /** Drop and rebuild the database before applying migrations. */
  reset?: boolean;
  log?: (line: string) => void;
  /**
   * Another Supabase project's setup instead of this app's — used by tests/supabase-compat to run
   * Supabase's own client suites: their migrations, seed, exposed schemas and config.toml, and only
   * the database and the Supabase API are started (the stand-ins belong to this app).
   */
  project?: ForeignProject;
}

export interface ForeignProject {
  migrationsDir: string;
  /** A missing file means no seed. */
  seedFile: string;
  exposedSchemas: string[];
  /** Read for its [auth] settings, as `supabase start` does. */
  configFile: string;
  siteUrl: string;
  redirectAllowList: string[];
  jwt?: Partial<JwtConfig>;
  apiKeyCheck?: 'strict' | 'cli';
}

export interface LocalPlatform {
  ports: LocalPorts;
  databaseUrl: string;
  /** Environment for the functions and the SPA (VITE_ variables included). */
  env: Record<string, string>;
  appliedMigrations: MigrationFile[];
  /**
   * The demo admin's password, new at every start (dev/admin/demo-admin.ts); undefined without
   * demo data or for a foreign project.
   */
  demoAdminPassword?: string;
  stop(): Promise<void>;
}

export async function startLocalPlatform(options: PlatformOptions): Promise<LocalPlatform> {
  const log = options.log ?? (() => {});
  const ports = await resolvePorts(options);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    let dataDir = localDataDir;
    if (options.mode === 'test') {
      const tmp = await mkdtemp(path.join(os.tmpdir(), 'agi-test-'));
      dataDir = path.join(tmp, 'postgres');
      stops.push(() => rm(tmp, { recursive: true, force: true }));
    }
    const db = await startEmbeddedPostgres({
      dataDir,
      port: ports.db,
      portVariable: portVariables.db,
      persistent: options.mode === 'dev',
      log: options.mode === 'dev' ? (line) => log(`[postgres] ${line}`) : undefined,
    });
    stops.push(db.stop);

    if (options.reset) await recreateDatabase(db.url);
    const project = options.project;
    const { applied, seedError } = await prepareDatabase(db.url, {
      seed: options.mode === 'test' || options.reset ? 'always' : 'when-migrated',
      migrationsDir: project?.migrationsDir,
      seedFile: project?.seedFile,
    });
    if (seedError) {
      log(
        `[seed] The seed no longer applies to this database and was skipped (nothing of it was written):\n` +
          `  ${seedError.message}\n  Run "npm run db:reset" to rebuild the local database from scratch.`,
      );
    }

    const demoAdminPassword = project ? undefined : await resetDemoAdminPassword(db.url);

    const supabaseUrl = `http://127.0.0.1:${ports.supabase}`;
    const appUrl = `http://localhost:${ports.app}`;
    const outboxDir =
      options.mode === 'dev'
        ? path.join(localDir, 'outbox')
        : await mkdtemp(path.join(os.tmpdir(), 'agi-outbox-'));
    const storageDir =
      options.mode === 'dev'
        ? path.join(localDir, 'storage')
        : await mkdtemp(path.join(os.tmpdir(), 'agi-storage-'));
    if (options.mode === 'test') stops.push(() => rm(storageDir, { recursive: true, force: true }));
    const supabase = await startSupabaseApi(
      {
        apiUrl: supabaseUrl,
        databaseUrl: db.url,
        jwt: { secret: demoJwtSecret, audience: 'authenticated', ...project?.jwt },
        // As supabase/config.toml. `billing` is deliberately not exposed (ADR 0005). Tests also
        // expose `compat`, the fixture schema of the Supabase API compatibility suite.
        exposedSchemas:
          project?.exposedSchemas ??
          (options.mode === 'test' ? ['public', 'graphql_public', 'compat'] : ['public', 'graphql_public']),
        anonKey: demoAnonKey,
        serviceRoleKey: demoServiceRoleKey,
        publishableKey: demoPublishableKey,
        secretKey: demoSecretKey,
        siteUrl: project?.siteUrl ?? appUrl,
        redirectAllowList: project?.redirectAllowList ?? [`http://127.0.0.1:${ports.app}/**`, `${appUrl}/**`],
        authConfigFile: project?.configFile,
        apiKeyCheck: project?.apiKeyCheck,
        // `npm run dev` behaves like the hosted project (config.toml: confirmations on, per-IP
        // limits). The test platform signs up hundreds of users from 127.0.0.1 and needs their
        // sessions at once; confirmation and the limits have their own suites on a second API.
        autoconfirm: options.mode === 'test' ? process.env.LOCAL_AUTH_CONFIRM_EMAIL !== 'true' : undefined,
        ipRateLimits: options.mode === 'test' ? 'off' : 'enforce',
        // This project's hosted Auth requires the current password for a new one (ADR 0070);
        // foreign projects (the compat suites) keep GoTrue's default.
        requireCurrentPassword: !project,
        outboxDir,
        storageDir,
        log,
      },
      { port: ports.supabase, portVariable: portVariables.supabase },
    );
    stops.push(supabase.stop);
    if (project) {
      const env = { DATABASE_URL: db.url, SUPABASE_URL: supabaseUrl, LOCAL_OUTBOX_DIR: outboxDir };
      return { ports, databaseUrl: db.url, env, appliedMigrations: applied, stop: stopAll };
    }

    // Stripe: the local stand-in, unless the environment (.env) holds real Stripe test keys, in
    // which case the functions talk to Stripe itself.
    const stripeEnv: Record<string, string> = {};
    if (!process.env.STRIPE_SECRET_KEY) {
      const stripePort = options.mode === 'dev' ? localStripePort() : 0;
      if (options.mode === 'dev') await assertPortFree(stripePort, 'LOCAL_STRIPE_PORT', 'Stripe stand-in');
      const stripe = await startStripeStandIn({
        port: stripePort,
        secretKey: localStripeSecretKey,
        webhookSecret: localStripeWebhookSecret,
        catalog: await loadCatalogFromDatabase(db.url),
        webhook: `${appUrl}/api/stripe/webhook`,
        log,
      });
      stops.push(stripe.stop);
      Object.assign(stripeEnv, {
        STRIPE_SECRET_KEY: localStripeSecretKey,
        STRIPE_WEBHOOK_SECRET: localStripeWebhookSecret,
        STRIPE_API_URL: stripe.url,
      });
      if (options.mode === 'dev') {
        log(
          `[stripe] Stripe stand-in: ${stripe.url}/ — trigger renewals, failed payments, refunds and disputes there`,
        );
      }
    }

    // The four LLM providers' APIs, answered locally; the SDKs reach it through their base URLs.
    const llm = await startLlmStandIn({ port: ports.llm, portVariable: portVariables.llm, log });
    stops.push(llm.stop);
    // In dev, a provider whose real key is set (.env) keeps its real API: its key must never be
    // sent to the stand-in, so neither its local key nor the stand-in base URL is added.
    const llmEnv: Record<string, string> = {};
    for (const provider of llmProviderNames) {
      const name = provider.toUpperCase();
      if (options.mode === 'dev' && process.env[`${name}_API_KEY`]) continue;
      llmEnv[`${name}_API_KEY`] = `local-${provider}-key`;
      llmEnv[`${name}_BASE_URL`] = llm.baseUrls[provider];
    }
    // Tests opt into the Upstash limiter by setting UPSTASH_REDIS_REST_* to these.
    if (options.mode === 'test') {
      const upstash = await startUpstashAdapter({
        port: await freePort(),
        token: 'local-upstash-token',
        log,
      });
      stops.push(upstash.stop);
      llmEnv.UPSTASH_TEST_URL = upstash.url;
      llmEnv.UPSTASH_TEST_TOKEN = upstash.token;
    }

    const env: Record<string, string> = {
      DATABASE_URL: db.url,
      SUPABASE_URL: supabaseUrl,
      SUPABASE_ANON_KEY: demoAnonKey,
      SUPABASE_SERVICE_ROLE_KEY: demoServiceRoleKey,
      SUPABASE_JWT_SECRET: demoJwtSecret,
      APP_URL: appUrl,
      ALLOWED_ORIGINS: [appUrl, `http://127.0.0.1:${ports.app}`].join(','),
      VITE_SUPABASE_URL: supabaseUrl,
      VITE_SUPABASE_ANON_KEY: demoAnonKey,
      LOCAL_OUTBOX_DIR: outboxDir,
      LOCAL_STORAGE_DIR: storageDir,
      ...stripeEnv,
      ...llmEnv,
    };

    return {
      ports,
      databaseUrl: db.url,
      env,
      appliedMigrations: applied,
      demoAdminPassword,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function resolvePorts(options: PlatformOptions): Promise<LocalPorts> {
  if (options.mode === 'dev') return { ...localPorts(), ...options.ports };
  return {
    db: options.ports?.db ?? (await freePort()),
    supabase: options.ports?.supabase ?? (await freePort()),
    app: options.ports?.app ?? (await freePort()),
    llm: options.ports?.llm ?? (await freePort()),
  };
}
