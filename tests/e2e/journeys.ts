/**
 * Steps shared by the e2e journeys: unique accounts, signing up through the real form, compiling
 * pages before the timed part of a test, and superuser access to the database for setting up what
 * only an operator can do (publishing a version) and for checking what the UI claims (the ledger).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { openPage } from './browser';

export const uniqueEmail = (prefix: string) => `e2e-${prefix}-${randomUUID().slice(0, 8)}@example.test`;

/**
 * Fills and submits the sign-up form on the current page (reach it however the journey does).
 * Waits for the redirect away from the form, i.e. until the account exists and the session is set.
 */
export async function completeSignUp(
  page: Page,
  {
    name = 'Ada Lovelace',
    email,
    password = 'a long enough password',
  }: { name?: string; email: string; password?: string },
) {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'), { timeout: 60_000 });
}

/** Signs up a fresh user through /sign-up and lands on `next` (default: the dashboard). */
export async function signUpNewUser(page: Page, prefix: string, next?: string) {
  const email = uniqueEmail(prefix);
  await page.goto(next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up');
  await completeSignUp(page, { email });
  return email;
}

/**
 * Vite compiles modules on first request; on a busy machine that alone can outlast a test's
 * navigation timeout, so a journey's pages are visited once before it starts.
 */
export async function compilePages(browser: Browser, paths: readonly string[]) {
  const { page } = await openPage(browser);
  for (const path of paths) {
    await page.goto(path, { timeout: 200_000, waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 200_000 });
  }
  await page.context().close();
}

/** Runs `work` with a superuser connection to the platform's database, then closes it. */
export async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Publishes a new version of a catalog employee, as an operator would: a new immutable row in
 * ai_employee_versions (its trigger moves ai_employees.latest_version_id). Returns its number.
 */
export async function publishEmployeeVersion(slug: string, changelog: string): Promise<number> {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{ version: number }>(
      `insert into public.ai_employee_versions (employee_id, version, provider, model, system_prompt, tools, changelog)
       select v.employee_id, v.version + 1, v.provider, v.model, v.system_prompt, v.tools, $2
       from public.ai_employee_versions v
       join public.ai_employees e on e.id = v.employee_id
       where e.slug = $1
       order by v.version desc
       limit 1
       returning version`,
      [slug, changelog],
    );
    if (!rows[0]) throw new Error(`no employee ${slug} to publish a version of`);
    return rows[0].version;
  });
}
