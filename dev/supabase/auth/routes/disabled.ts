/**
 * Features this local server does not have answer as GoTrue does when they are switched off —
 * same status, code and message, and the same order of checks (a route behind
 * `requireAuthentication` asks for a session first) — instead of a 404 from the router, so apps
 * and auth-js see what a project with those features disabled would show them
 * (`internal/api/middleware.go`, `mfa.go`, `web3.go`, `token_oidc.go`).
 */
import { optionalString } from '../body';
import type { AuthApiError } from '../errors';
import { badRequest, notFound, unprocessable } from '../errors';
import type { RouteHandler } from '../request';
import { requireAdmin, requireUser } from '../request-auth';

/** Behind `requireAuthentication`, then `requireNotAnonymous`, then the handler's own checks. */
const authenticated =
  (then: (body: Awaited<ReturnType<Parameters<RouteHandler>[0]['body']>>) => never): RouteHandler =>
  async (request, services) => {
    await requireUser(services.pool, request.headers, services);
    then(await request.body());
  };

/** POST /factors: every factor type's enrolment is disabled (`[auth.mfa.*] enroll_enabled = false`). */
export const enrollFactor = authenticated((body) => {
  const factorType = optionalString(body, 'factor_type');
  if (factorType === 'totp')
    throw unprocessable('mfa_totp_enroll_not_enabled', 'MFA enroll is disabled for TOTP');
  if (factorType === 'phone')
    throw unprocessable('mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
  if (factorType === 'webauthn') {
    throw unprocessable('mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
  }
  throw badRequest('validation_failed', 'factor_type needs to be totp, phone, or webauthn');
});

/** /factors/:id/…: no factor can exist, so `loadFactor` finds none. */
export const unknownFactor = authenticated(() => {
  throw notFound('mfa_factor_not_found', 'Factor not found');
});

/** /user/identities/…: `requireManualLinkingEnabled` (`enable_manual_linking = false`). */
export const manualLinkingDisabled = authenticated(() => {
  throw notFound('manual_linking_disabled', 'Manual linking is disabled');
});

const always =
  (error: () => AuthApiError): RouteHandler =>
  async () => {
    throw error();
  };

/** /sso and /sso/saml/*: `requireSAMLEnabled`. */
export const samlDisabled = always(() => notFound('saml_provider_disabled', 'SAML 2.0 is disabled'));
/** /passkeys/*: `requirePasskeyEnabled`. */
export const passkeysDisabled = always(() => notFound('passkey_disabled', 'Passkeys are disabled'));
/** /admin/oauth/*: `requireAdmin`, then `requireOAuthServerEnabled`. */
export const adminOauthServerDisabled: RouteHandler = async (request, services) => {
  await requireAdmin(request.headers, services);
  throw notFound('feature_disabled', 'OAuth server is disabled');
};

/** `grant_type=web3` with neither chain enabled. */
export const web3Disabled = () => unprocessable('web3_provider_disabled', 'Web3 provider is disabled');

const ISSUERS: Record<string, string> = {
  google: 'https://accounts.google.com',
  apple: 'https://appleid.apple.com',
  azure: 'https://login.microsoftonline.com/common/v2.0',
  facebook: 'https://www.facebook.com',
  keycloak: '',
  kakao: 'https://kauth.kakao.com',
};

/**
 * `grant_type=id_token`: ID tokens from providers cannot be verified locally, so every provider
 * answers as a disabled one does (`token_oidc.go`).
 */
export function idTokenProviderDisabled(
  provider: string | undefined,
  issuer: string | undefined,
): AuthApiError {
  const known = provider !== undefined && provider in ISSUERS ? ISSUERS[provider] : issuer;
  if (known === undefined) {
    return badRequest('validation_failed', `Custom OIDC provider "${provider ?? ''}" not allowed`);
  }
  return badRequest('provider_disabled', `Provider (issuer "${known}") is not enabled`);
}
