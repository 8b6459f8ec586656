/**
 * The auth pages with the app's providers, against Supabase Auth responses in GoTrue's wire format
 * (mocked with msw; the local Auth server itself is tested in tests/integration/supabase-api/auth).
 * Where the pages send people afterwards is a stand-in, so other features' data is not fetched.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { supabase } from '@/lib/supabase';
import { renderApp as renderWithProviders } from '@/test/render-app';
import { authRoutes } from '../routes';

const destinations = ['/dashboard', '/workforce'].map((path) => ({ path, element: <h1>Destination</h1> }));
const renderApp = (url: string) => renderWithProviders(url, { routes: [...authRoutes, ...destinations] });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(async () => {
  server.use(http.post('*/auth/v1/logout', () => new HttpResponse(null, { status: 204 })));
  await supabase.auth.signOut({ scope: 'local' });
  server.resetHandlers();
  window.location.hash = '';
});
afterAll(() => server.close());

const apiVersion = { 'x-supabase-api-version': '2024-01-01' };
const authError = (status: number, code: string, message: string) =>
  HttpResponse.json({ code, message }, { status, headers: apiVersion });

const user = {
  id: '5b0c5b1e-2f0e-4a43-9d7e-0c6f1c1e8a11',
  aud: 'authenticated',
  role: 'authenticated',
  email: 'ada@example.test',
  app_metadata: { provider: 'email', providers: ['email'] },
  user_metadata: {},
  identities: [],
  created_at: '2026-11-21T12:00:00Z',
  updated_at: '2026-11-21T12:00:00Z',
  is_anonymous: false,
};

function sessionBody() {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const accessToken = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: user.id, exp, role: 'authenticated', session_id: 'c1' })}.sig`;
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: exp,
    refresh_token: 'r1',
    user,
  };
}

const type = (label: RegExp | string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function signInForTest() {
  server.use(http.post('*/auth/v1/token', () => HttpResponse.json(sessionBody(), { headers: apiVersion })));
  const { error } = await supabase.auth.signInWithPassword({
    email: user.email,
    password: 'secret password',
  });
  expect(error).toBeNull();
}

describe('sign in', () => {
  it('validates before calling the server and focuses the first problem', async () => {
    renderApp('/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Email/));
    expect(screen.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBe('true');
  });

  it('explains refused credentials in words', async () => {
    server.use(
      http.post('*/auth/v1/token', () => authError(400, 'invalid_credentials', 'Invalid login credentials')),
    );
    renderApp('/sign-in');
    await screen.findByLabelText(/^Email/);
    type(/^Email/, user.email);
    type(/^Password/, 'wrong password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That email and password do not match. Check them and try again.',
    );
  });

  it('offers a new confirmation link to an unconfirmed address', async () => {
    let resent: unknown;
    server.use(
      http.post('*/auth/v1/token', () => authError(400, 'email_not_confirmed', 'Email not confirmed')),
      http.post('*/auth/v1/resend', async ({ request }) => {
        resent = await request.json();
        return HttpResponse.json({}, { headers: apiVersion });
      }),
    );
    renderApp('/sign-in');
    await screen.findByLabelText(/^Email/);
    type(/^Email/, user.email);
    type(/^Password/, 'secret password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/confirm your email/);
    fireEvent.click(screen.getByRole('button', { name: 'Resend the confirmation link' }));
    expect(
      await screen.findByText(`We sent a new link to ${user.email}. It replaces the previous one.`),
    ).toBeTruthy();
    expect(resent).toMatchObject({ type: 'signup', email: user.email });
  });

  it('continues to the page the visitor was going to', async () => {
    let body: unknown;
    server.use(
      http.post('*/auth/v1/token', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(sessionBody(), { headers: apiVersion });
      }),
    );
    const { router } = renderApp('/sign-in?next=%2Fworkforce%3Ftab%3Dall');
    await screen.findByLabelText(/^Email/);
    type(/^Email/, ` ${user.email} `);
    type(/^Password/, 'secret password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/workforce'));
    expect(router.state.location.search).toBe('?tab=all');
    expect(body).toMatchObject({ email: user.email, password: 'secret password' });
  });

  it('ignores a `next` that leaves the site', async () => {
    await signInForTest();
    const { router } = renderApp('/sign-in?next=https%3A%2F%2Fevil.example');
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
  });
});

describe('sign up', () => {
  it('asks to confirm the email when the project requires it', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post('*/auth/v1/signup', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ ...user, confirmation_sent_at: user.created_at }, { headers: apiVersion });
      }),
    );
    renderApp('/sign-up');
    await screen.findByLabelText(/^Name/);
    type(/^Name/, 'Ada Lovelace');
    type(/^Email/, user.email);
    type(/^Password/, 'long enough password');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain(user.email);
    expect(body).toMatchObject({ email: user.email, data: { full_name: 'Ada Lovelace' } });
  });

  it('requires 10 characters, refuses a common password with the meter saying why, and reports an existing account', async () => {
    server.use(
      http.post('*/auth/v1/signup', () => authError(422, 'user_already_exists', 'User already registered')),
    );
    renderApp('/sign-up');
    await screen.findByLabelText(/^Name/);
    type(/^Name/, 'Ada');
    type(/^Email/, user.email);
    type(/^Password/, 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();

    // Long enough, but among the most common passwords: refused before it is sent.
    type(/^Password/, 'password123');
    expect(await screen.findByRole('meter', { name: 'How hard to guess' })).toBeTruthy();
    expect(screen.getByText(/^(Very weak|Weak|Fair)$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/^Choose a stronger password/)).toBeTruthy();

    type(/^Password/, 'long enough password');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already exists/);
  });
});

describe('forgot password', () => {
  it('sends the reset link back to the reset page and answers the same for any address', async () => {
    let redirectTo: string | null = null;
    server.use(
      http.post('*/auth/v1/recover', ({ request }) => {
        redirectTo = new URL(request.url).searchParams.get('redirect_to');
        return HttpResponse.json({}, { headers: apiVersion });
      }),
    );
    renderApp('/forgot-password');
    await screen.findByLabelText(/^Email/);
    type(/^Email/, 'someone@example.test');
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect((await screen.findByRole('status')).textContent).toMatch(
      /If an account exists for someone@example.test/,
    );
    expect(new URL(redirectTo!).pathname).toBe('/reset-password');
  });
});

describe('reset password', () => {
  it('explains a refused link and offers a new one', async () => {
    window.location.hash =
      '#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid';
    renderApp('/reset-password');
    expect(await screen.findByRole('heading', { name: 'This link cannot be used' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/invalid or has expired/);
    expect(screen.getByRole('link', { name: 'Request a new reset link' }).getAttribute('href')).toBe(
      '/forgot-password',
    );
  });

  it('sets the new password for the recovery session', async () => {
    await signInForTest();
    let body: unknown;
    server.use(
      http.put('*/auth/v1/user', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(user, { headers: apiVersion });
      }),
    );
    const { router } = renderApp('/reset-password');
    await screen.findByLabelText(/^New password/);
    type(/^New password/, 'a new password');
    type(/^Repeat/, 'another one');
    fireEvent.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(screen.getByText('The two passwords do not match.')).toBeTruthy();

    type(/^Repeat/, 'a new password');
    fireEvent.click(screen.getByRole('button', { name: 'Save new password' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/dashboard'));
    expect(body).toMatchObject({ password: 'a new password' });
    expect(await screen.findByText('Password changed')).toBeTruthy();
  });

  it('shows the server refusal of the same password', async () => {
    await signInForTest();
    server.use(
      http.put('*/auth/v1/user', () =>
        authError(422, 'same_password', 'New password should be different from the old password.'),
      ),
    );
    renderApp('/reset-password');
    await screen.findByLabelText(/^New password/);
    type(/^New password/, 'the old password');
    type(/^Repeat/, 'the old password');
    fireEvent.click(screen.getByRole('button', { name: 'Save new password' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your new password must be different from your current one.',
    );
  });
});

describe('other ways in', () => {
  it('emails a sign-in link to an existing account only, and says where it went', async () => {
    let sent: Record<string, unknown> | undefined;
    server.use(
      http.post('*/auth/v1/otp', async ({ request }) => {
        sent = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({}, { headers: apiVersion });
      }),
    );
    renderApp('/sign-in?next=/workforce');
    await screen.findByLabelText('Address for a one-time sign-in link');
    type('Address for a one-time sign-in link', 'ada@example.test');
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('ada@example.test'));
    expect(sent).toMatchObject({ email: 'ada@example.test', create_user: false });
  });

  it('explains an unknown address for the sign-in link in words', async () => {
    server.use(
      http.post('*/auth/v1/otp', () => authError(422, 'otp_disabled', 'Signups not allowed for otp')),
    );
    renderApp('/sign-in');
    await screen.findByLabelText('Address for a one-time sign-in link');
    type('Address for a one-time sign-in link', 'nobody@example.test');
    fireEvent.click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/no account with this email/i));
  });

  it('says so when the provider refused, without showing its text', async () => {
    renderApp('/sign-in?error=access_denied&error_description=The+user+has+denied+your+application+access.');
    expect((await screen.findByRole('alert')).textContent).toMatch(/cancelled or refused/);
    expect(screen.queryByText(/denied your application/)).toBeNull();
  });
});
