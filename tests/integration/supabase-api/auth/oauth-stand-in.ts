/**
 * Drives an OAuth sign-in without a browser, as a user would click through it: the URL
 * `signInWithOAuth` returns → the Auth server's redirect → the provider stand-in's page → the
 * form posted with an identity → the Auth server's callback → the app URL it lands on.
 */
import { expect } from 'vitest';

async function redirectOf(response: Response): Promise<URL> {
  expect([302, 303]).toContain(response.status);
  return new URL(response.headers.get('location') ?? '');
}

export interface StandInChoice {
  email: string;
  name?: string;
  login?: string;
  deny?: boolean;
}

/** Follows the flow from the authorize URL; resolves with the URL the browser would end on. */
export async function signInThroughStandIn(authorizeUrl: string, choice: StandInChoice): Promise<URL> {
  const providerPage = await redirectOf(await fetch(authorizeUrl, { redirect: 'manual' }));
  const page = await fetch(providerPage);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('stand-in');
  const form = new URLSearchParams();
  for (const name of ['redirect_uri', 'state', 'client_id', 'scope'])
    form.set(name, providerPage.searchParams.get(name) ?? '');
  if (choice.deny) form.set('deny', '1');
  else {
    form.set('email', choice.email);
    if (choice.name) form.set('name', choice.name);
    if (choice.login) form.set('login', choice.login);
  }
  const back = await redirectOf(
    await fetch(providerPage, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }),
  );
  expect(back.pathname).toBe('/auth/v1/callback');
  return redirectOf(await fetch(back, { redirect: 'manual' }));
}
