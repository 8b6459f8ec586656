/**
 * The GoTrue (Supabase Auth) emulation behind /auth/v1: the endpoints supabase-js uses, writing to
 * the real `auth.*` tables as `supabase_auth_admin` (reference: supabase-local-api.md §4; each
 * route file names the GoTrue source it follows). This file is only the router: matching, lazy
 * body reading and turning errors into GoTrue's shapes.
 */
import type { IncomingMessage } from 'node:http';
import { createOutbox } from '../../outbox';
import type { MountedApi, SupabaseApiConfig } from '../context';
import { readBody, type Body } from './body';
import { createAuthPool } from './db';
import { AuthApiError, OAuthError, internalError } from './errors';
import { IpRateLimiter } from './ip-rate-limits';
import { FailedLoginLimiter } from './login-limiter';
import { loadAuthSettings } from './project-settings';
import type { AuthRequest, RouteHandler } from './request';
import { errorReply, requestedApiVersion, writeReply, API_VERSION_HEADER, type Reply } from './respond';
import {
  createAdminUser,
  deleteAdminUser,
  getAdminUser,
  listAdminUsers,
  updateAdminUser,
} from './routes/admin';
import {
  adminOauthServerDisabled,
  enrollFactor,
  manualLinkingDisabled,
  passkeysDisabled,
  samlDisabled,
  unknownFactor,
} from './routes/disabled';
import { logout } from './routes/logout';
import { authorize, callback } from './routes/oauth';
import { otp, reauthenticate } from './routes/otp';
import { recover } from './routes/recover';
import { resend } from './routes/resend';
import { health, jwks, settings } from './routes/settings';
import { signup } from './routes/signup';
import { token } from './routes/token';
import { getUser, updateCurrentUser } from './routes/user';
import { verifyGet, verifyPost } from './routes/verify';
import type { AuthServices } from './services';
import { clientInfo } from './sessions';

interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

const route = (method: string, path: string, handler: RouteHandler): Route => ({
  method,
  // `:id` segments become named groups; everything else matches literally.
  pattern: new RegExp(`^${path.replace(/\./g, '\\.').replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`),
  handler,
});

const ROUTES: Route[] = [
  route('POST', '/signup', signup),
  route('POST', '/token', token),
  route('GET', '/user', getUser),
  route('PUT', '/user', updateCurrentUser),
  route('POST', '/logout', logout),
  route('POST', '/recover', recover),
  route('POST', '/resend', resend),
  route('GET', '/verify', verifyGet),
  route('POST', '/verify', verifyPost),
  route('GET', '/settings', settings),
  route('GET', '/health', health),
  route('GET', '/.well-known/jwks.json', jwks),
  route('GET', '/admin/users', listAdminUsers),
  route('POST', '/admin/users', createAdminUser),
  route('GET', '/admin/users/:id', getAdminUser),
  route('PUT', '/admin/users/:id', updateAdminUser),
  route('DELETE', '/admin/users/:id', deleteAdminUser),
  route('POST', '/otp', otp),
  route('GET', '/reauthenticate', reauthenticate),
  route('GET', '/authorize', authorize),
  route('GET', '/callback', callback),
  route('POST', '/callback', callback),
  // Features this server does not have answer as GoTrue does with them disabled (disabled.ts).
  route('POST', '/factors', enrollFactor),
  route('POST', '/factors/:id/verify', unknownFactor),
  route('POST', '/factors/:id/challenge', unknownFactor),
  route('DELETE', '/factors/:id', unknownFactor),
  route('GET', '/user/identities/authorize', manualLinkingDisabled),
  route('DELETE', '/user/identities/:id', manualLinkingDisabled),
  route('POST', '/sso', samlDisabled),
  route('GET', '/sso/saml/metadata', samlDisabled),
  route('POST', '/sso/saml/acs', samlDisabled),
  route('POST', '/passkeys/authentication/options', passkeysDisabled),
  route('POST', '/passkeys/authentication/verify', passkeysDisabled),
  route('POST', '/passkeys/registration/options', passkeysDisabled),
  route('POST', '/passkeys/registration/verify', passkeysDisabled),
  route('GET', '/passkeys', passkeysDisabled),
  route('PATCH', '/passkeys/:id', passkeysDisabled),
  route('DELETE', '/passkeys/:id', passkeysDisabled),
  route('GET', '/admin/oauth/clients', adminOauthServerDisabled),
  route('POST', '/admin/oauth/clients', adminOauthServerDisabled),
  route('GET', '/admin/oauth/clients/:id', adminOauthServerDisabled),
  route('PUT', '/admin/oauth/clients/:id', adminOauthServerDisabled),
  route('DELETE', '/admin/oauth/clients/:id', adminOauthServerDisabled),
  route('POST', '/admin/oauth/clients/:id/regenerate_secret', adminOauthServerDisabled),
];

export async function createAuthApi(config: SupabaseApiConfig): Promise<MountedApi> {
  const settings = loadAuthSettings(config.authConfigFile);
  const services: AuthServices = {
    config: { ...config, autoconfirm: config.autoconfirm ?? !settings.enableConfirmations },
    settings,
    pool: createAuthPool(config.databaseUrl, config.log),
    externalUrl: `${config.apiUrl}/auth/v1`,
    outbox: createOutbox(config.outboxDir, config.log),
    loginLimiter: new FailedLoginLimiter(),
    ipLimiter: config.ipRateLimits === 'off' ? null : new IpRateLimiter(settings.rateLimits),
  };

  return {
    async handle(req, res, path, query) {
      const apiVersion = requestedApiVersion(req.headers[API_VERSION_HEADER]);
      const reply = await dispatch(services, req, path, query, apiVersion);
      writeReply(res, reply, apiVersion);
    },
    async close() {
      await services.pool.end();
    },
  };
}

async function dispatch(
  services: AuthServices,
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  apiVersion: string | null,
): Promise<Reply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const matches = ROUTES.map((candidate) => ({ candidate, match: candidate.pattern.exec(path) })).filter(
    ({ match }) => match !== null,
  );
  if (matches.length === 0) return { status: 404, body: { message: 'no Route matched with those values' } };
  const found = matches.find(({ candidate }) => candidate.method === method);
  if (!found) {
    return { status: 405, headers: { allow: matches.map(({ candidate }) => candidate.method).join(', ') } };
  }

  let body: Promise<Body> | undefined;
  const request: AuthRequest = {
    method,
    path,
    query,
    headers: req.headers,
    client: clientInfo(req.headers, req.socket.remoteAddress),
    params: { ...found.match!.groups },
    body: () => (body ??= readBody(req)),
  };
  try {
    return await found.candidate.handler(request, services);
  } catch (error) {
    if (error instanceof AuthApiError || error instanceof OAuthError) return errorReply(error, apiVersion);
    services.config.log(`[auth] ${method} ${path} failed: ${(error as Error).stack ?? String(error)}`);
    return errorReply(internalError('Internal server error'), apiVersion);
  }
}
