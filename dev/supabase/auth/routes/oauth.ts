/**
 * OAuth sign-in (`internal/api/external.go`, `token.go` PKCE grant, `models/linking.go`):
 *
 * - `GET /authorize?provider=github&redirect_to=…[&code_challenge=…]` redirects to the provider's
 *   authorize page with a signed `state`; with a code challenge (PKCE) a flow state is stored.
 * - `GET /callback?code&state` exchanges the code with the provider, reads the identity, and signs
 *   in its user: the identity's own user, else the user with the same verified email (the identity
 *   is linked to it, as GoTrue's automatic linking does), else a new user. It then redirects to
 *   `redirect_to?code=<auth code>` (PKCE) or `#access_token=…` (implicit).
 * - `POST /token?grant_type=pkce {auth_code, code_verifier}` trades the auth code for a session.
 *
 * Locally the providers are the stand-ins at `<api>/idp/<provider>` (dev/stand-ins/identity-providers);
 * the Auth server talks to them over HTTP as GoTrue talks to github.com and Google.
 */
import { createHash, randomUUID } from 'node:crypto';
import { optionalString } from '../body';
import { inTransaction, type Queryable } from '../db';
import { AuthApiError, badRequest, forbidden, notFound, unprocessable } from '../errors';
import { resolveRedirect } from '../redirects';
import type { AuthRequest, RouteHandler } from '../request';
import { ok, type Reply } from '../respond';
import type { AuthServices } from '../services';
import { startSession, type AuthMethod } from '../sessions';
import { signJwt, verifyJwt } from '../../jwt';
import {
  PROVIDERS,
  isProviderName,
  type ProviderName,
} from '../../../stand-ins/identity-providers/providers';
import { findUserByEmail, findUserById, insertUser, type JsonObject, type UserRow } from '../users-repo';

const FLOW_STATE_TTL_SECONDS = 300;
const ISSUERS: Record<ProviderName, string> = {
  github: 'https://api.github.com',
  google: 'https://accounts.google.com',
};

const found = (location: string): Reply => ({ status: 302, headers: { location } });

function providerBase(services: AuthServices, provider: ProviderName): string {
  return `${services.config.apiUrl}/idp/${provider}`;
}

function enabledProvider(services: AuthServices, name: string | null | undefined): ProviderName {
  if (!name || !isProviderName(name) || !services.settings.externalProviders.includes(name)) {
    throw badRequest('validation_failed', 'Unsupported provider: provider is not enabled');
  }
  return name;
}

export const authorize: RouteHandler = async (request, services) => {
  const { config } = services;
  const provider = enabledProvider(services, request.query.get('provider'));
  const redirectTo = resolveRedirect(
    request.query.get('redirect_to'),
    config.siteUrl,
    config.redirectAllowList,
  );
  const challenge = request.query.get('code_challenge') ?? '';
  const method = (request.query.get('code_challenge_method') ?? '').toLowerCase();
  let flowStateId: string | null = null;
  if (challenge !== '') {
    if (method !== 's256' && method !== 'plain') {
      throw badRequest('validation_failed', 'Code challenge method must be one of: s256, plain');
    }
    flowStateId = randomUUID();
    await services.pool.query(
      `insert into auth.flow_state (id, auth_code, code_challenge_method, code_challenge, provider_type,
         authentication_method, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'oauth', now(), now())`,
      [flowStateId, randomUUID(), method, challenge, provider],
    );
  }
  // GoTrue's state is a JWT signed with the project's secret: nobody can forge where it returns to.
  const state = await signJwt(
    {
      provider,
      referrer: redirectTo,
      flow_state_id: flowStateId ?? '',
      site_url: config.siteUrl,
      exp: now() + 600,
    },
    config.jwt,
  );
  const target = new URL(`${providerBase(services, provider)}${PROVIDERS[provider].authorize}`);
  target.searchParams.set('client_id', `local-${provider}-client`);
  target.searchParams.set('redirect_uri', `${services.externalUrl}/callback`);
  target.searchParams.set('response_type', 'code');
  target.searchParams.set(
    'scope',
    request.query.get('scopes') ?? (provider === 'github' ? 'user:email' : 'email profile openid'),
  );
  target.searchParams.set('state', state);
  return found(target.toString());
};

const now = () => Math.floor(Date.now() / 1000);

interface ProviderIdentity {
  id: string;
  email: string;
  emailVerified: boolean;
  data: JsonObject;
  accessToken: string;
}

async function fetchIdentity(
  services: AuthServices,
  provider: ProviderName,
  code: string,
): Promise<ProviderIdentity> {
  const base = providerBase(services, provider);
  const paths = PROVIDERS[provider];
  const tokenResponse = await fetch(`${base}${paths.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      code,
      redirect_uri: `${services.externalUrl}/callback`,
      grant_type: 'authorization_code',
    }),
  });
  const token = (await tokenResponse.json()) as { access_token?: string };
  if (!tokenResponse.ok || !token.access_token)
    throw new CallbackError('server_error', 'Unable to exchange external code');
  const headers = { authorization: `Bearer ${token.access_token}`, accept: 'application/json' };
  const user = (await (await fetch(`${base}${paths.user}`, { headers })).json()) as Record<string, unknown>;
  if (provider === 'github') {
    const emails = (await (await fetch(`${base}${paths.emails}`, { headers })).json()) as Array<{
      email: string;
      primary: boolean;
      verified: boolean;
    }>;
    const primary = emails.find((entry) => entry.primary) ?? emails[0];
    const id = String(user.id);
    const email = (primary?.email ?? '').toLowerCase();
    // provider.Claims of GoTrue's GitHub provider (empty fields omitted).
    return {
      id,
      email,
      emailVerified: primary?.verified ?? false,
      accessToken: token.access_token,
      data: {
        iss: ISSUERS.github,
        sub: id,
        name: String(user.name ?? ''),
        email,
        email_verified: primary?.verified ?? false,
        phone_verified: false,
        avatar_url: String(user.avatar_url ?? ''),
        full_name: String(user.name ?? ''),
        user_name: String(user.login ?? ''),
        preferred_username: String(user.login ?? ''),
        provider_id: id,
      },
    };
  }
  const id = String(user.sub);
  const email = String(user.email ?? '').toLowerCase();
  return {
    id,
    email,
    emailVerified: user.email_verified === true,
    accessToken: token.access_token,
    data: {
      iss: ISSUERS.google,
      sub: id,
      name: String(user.name ?? ''),
      email,
      email_verified: user.email_verified === true,
      phone_verified: false,
      picture: String(user.picture ?? ''),
      avatar_url: String(user.picture ?? ''),
      full_name: String(user.name ?? ''),
      provider_id: id,
    },
  };
}

class CallbackError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly code = 'bad_oauth_callback',
  ) {
    super(description);
  }
}

/**
 * Which user an identity signs in (createAccountFromExternalIdentity + DetermineAccountLinking):
 * its own, or — automatic linking — the one holding the same verified email, or a new one.
 */
async function userForIdentity(
  db: Queryable,
  services: AuthServices,
  provider: ProviderName,
  identity: ProviderIdentity,
): Promise<UserRow> {
  const existing = await db.query<{ user_id: string }>(
    'select user_id from auth.identities where provider = $1 and provider_id = $2',
    [provider, identity.id],
  );
  let userId = existing.rows[0]?.user_id;
  if (userId) {
    await db.query(
      `update auth.identities set identity_data = $3, last_sign_in_at = now(), updated_at = now()
       where provider = $1 and provider_id = $2`,
      [provider, identity.id, identity.data],
    );
  } else {
    let user =
      identity.emailVerified && identity.email ? await findUserByEmail(db, identity.email, true) : null;
    if (!user) {
      if (!identity.email)
        throw new CallbackError('server_error', 'Error getting user email from external provider');
      if (!identity.emailVerified && !services.config.autoconfirm) {
        throw new CallbackError(
          'access_denied',
          'Unverified email with ' + provider,
          'provider_email_needs_verification',
        );
      }
      user = await insertUser(db, {
        email: identity.email,
        passwordHash: null,
        // Inserted with the identity's data, so the app's sign-up trigger sees the name and avatar.
        userMetadata: identity.data,
        appMetadata: { provider, providers: [provider] },
        confirmed: true,
      });
    }
    userId = user.id;
    await db.query(
      `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, now(), now(), now())`,
      [randomUUID(), identity.id, userId, identity.data, provider],
    );
    // A linked identity proves the address too; the providers list grows as GoTrue's does.
    await db.query(
      `update auth.users set
         email_confirmed_at = coalesce(email_confirmed_at, now()),
         raw_app_meta_data = jsonb_set(coalesce(raw_app_meta_data, '{}'), '{providers}',
           (select to_jsonb(array_agg(distinct p order by p)) from (
             select jsonb_array_elements_text(coalesce(raw_app_meta_data -> 'providers', '[]')) as p union select $2) as ps)),
         updated_at = now()
       where id = $1`,
      [userId, provider],
    );
  }
  // GoTrue keeps user_metadata up to date with the identity it signed in with.
  await db.query(
    `update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}') || $2, last_sign_in_at = now() where id = $1`,
    [userId, identity.data],
  );
  return (await findUserById(db, userId))!;
}

function errorRedirect(to: string, error: string, code: string, description: string): Reply {
  const url = new URL(to);
  url.searchParams.set('error', error);
  url.searchParams.set('error_code', code);
  url.searchParams.set('error_description', description);
  return found(url.toString());
}

export const callback: RouteHandler = async (request, services) => {
  const { config } = services;
  let state: { provider?: string; referrer?: string; flow_state_id?: string };
  try {
    state = (await verifyJwt(request.query.get('state') ?? '', config.jwt)) as typeof state;
  } catch {
    throw badRequest('bad_oauth_state', 'OAuth callback with invalid state');
  }
  const referrer = resolveRedirect(state.referrer, config.siteUrl, config.redirectAllowList);
  const provider = enabledProvider(services, state.provider);
  if (request.query.get('error')) {
    return errorRedirect(
      referrer,
      request.query.get('error')!,
      'bad_oauth_callback',
      request.query.get('error_description') ?? '',
    );
  }
  try {
    const identity = await fetchIdentity(services, provider, request.query.get('code') ?? '');
    return await inTransaction(services.pool, async (db) => {
      const user = await userForIdentity(db, services, provider, identity);
      if (user.is_banned) throw new CallbackError('access_denied', 'User is banned', 'user_banned');
      if (state.flow_state_id) {
        const { rows } = await db.query<{ auth_code: string }>(
          `update auth.flow_state set user_id = $2, provider_access_token = $3, auth_code_issued_at = now(), updated_at = now()
           where id = $1 returning auth_code`,
          [state.flow_state_id, user.id, identity.accessToken],
        );
        if (!rows[0])
          throw new CallbackError('invalid_request', 'Flow state not found', 'flow_state_not_found');
        const url = new URL(referrer);
        url.searchParams.set('code', rows[0].auth_code);
        return found(url.toString());
      }
      const session = await startSession(db, services, user, 'oauth', request.client);
      const fragment = new URLSearchParams({
        access_token: String(session.access_token),
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        provider_token: identity.accessToken,
        refresh_token: String(session.refresh_token),
        token_type: 'bearer',
      });
      return found(`${referrer.split('#')[0]}#${fragment.toString()}`);
    });
  } catch (error) {
    if (error instanceof CallbackError)
      return errorRedirect(referrer, error.error, error.code, error.description);
    if (error instanceof AuthApiError)
      return errorRedirect(referrer, 'server_error', error.code, error.message);
    throw error;
  }
};

const base64url = (buffer: Buffer) => buffer.toString('base64url');

/** `grant_type=pkce` (`token.go PKCE`): the auth code and the verifier of its challenge. */
export async function pkceGrant(request: AuthRequest, services: AuthServices): Promise<Reply> {
  const body = await request.body();
  const authCode = optionalString(body, 'auth_code') ?? '';
  const verifier = optionalString(body, 'code_verifier') ?? '';
  if (authCode === '' || verifier === '') {
    throw badRequest(
      'validation_failed',
      'invalid request: both auth code and code verifier should be non-empty',
    );
  }
  return inTransaction(services.pool, async (db) => {
    const { rows } = await db.query<{
      id: string;
      user_id: string | null;
      code_challenge: string;
      code_challenge_method: string;
      provider_access_token: string | null;
      authentication_method: string;
      expired: boolean;
    }>(
      `delete from auth.flow_state where auth_code = $1
       returning id, user_id, code_challenge, code_challenge_method, provider_access_token, authentication_method,
         coalesce(auth_code_issued_at, created_at) + make_interval(secs => $2) < now() as expired`,
      [authCode, FLOW_STATE_TTL_SECONDS],
    );
    const flow = rows[0];
    if (!flow || !flow.user_id)
      throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
    if (flow.expired) throw forbidden('flow_state_expired', 'invalid flow state, flow state has expired');
    const expected =
      flow.code_challenge_method === 's256'
        ? base64url(createHash('sha256').update(verifier).digest())
        : verifier;
    if (expected !== flow.code_challenge) {
      throw forbidden('bad_code_verifier', 'code challenge does not match previously saved code verifier');
    }
    const user = await findUserById(db, flow.user_id);
    if (!user) throw unprocessable('user_not_found', 'User not found');
    // The flow's own method (oauth, or an email flow of pkce.ts), as the session's amr.
    const method = flow.authentication_method as AuthMethod;
    const session = await startSession(db, services, user, method, request.client);
    return ok({ ...session, provider_token: flow.provider_access_token ?? undefined });
  });
}
