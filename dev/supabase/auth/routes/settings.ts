/** GET /settings, /health and /.well-known/jwks.json: what auth-js and dashboards read about the server. */
import { publicJwks } from '../../jwt';
import type { RouteHandler } from '../request';
import { ok } from '../respond';

const EXTERNAL_PROVIDERS = [
  'apple',
  'azure',
  'bitbucket',
  'discord',
  'facebook',
  'figma',
  'fly',
  'github',
  'gitlab',
  'google',
  'keycloak',
  'kakao',
  'linkedin',
  'linkedin_oidc',
  'notion',
  'slack',
  'slack_oidc',
  'spotify',
  'twitch',
  'twitter',
  'workos',
  'zoom',
];

export const settings: RouteHandler = async (_request, services) =>
  ok({
    external: {
      anonymous_users: false,
      ...Object.fromEntries(
        EXTERNAL_PROVIDERS.map((provider) => [
          provider,
          services.settings.externalProviders.includes(provider),
        ]),
      ),
      email: true,
      phone: false,
    },
    disable_signup: !services.settings.enableSignup,
    mailer_autoconfirm: services.config.autoconfirm,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
    passkeys_enabled: false,
  });

export const health: RouteHandler = async () =>
  ok({
    version: 'v2.189.0',
    name: 'GoTrue',
    description: 'GoTrue is a user registration and authentication API',
  });

/** Symmetric (HS256) keys are never published, so an HS256-only project has an empty key set. */
export const jwks: RouteHandler = async (_request, services) =>
  ok({ keys: publicJwks(services.config.jwt) }, { 'cache-control': 'public, max-age=600' });
