/**
 * The two OAuth providers the app offers, as their stand-ins answer them: GitHub's OAuth app flow
 * (`/login/oauth/authorize`, `/login/oauth/access_token`, `/user`, `/user/emails`) and Google's
 * OpenID Connect (`/o/oauth2/v2/auth`, `/token`, `/v1/userinfo`). Only the paths and JSON shapes
 * the Auth server reads are modelled.
 */
export type ProviderName = 'github' | 'google';

export interface StandInIdentity {
  /** The provider's own user id (GitHub: a number, Google: a 21-digit `sub`). */
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  /** GitHub login. */
  login: string;
  avatarUrl: string;
}

export interface ProviderPaths {
  label: string;
  authorize: string;
  token: string;
  /** Where the identity is read with the access token. */
  user: string;
  /** GitHub only: the user's addresses. */
  emails?: string;
}

export const PROVIDERS: Record<ProviderName, ProviderPaths> = {
  github: {
    label: 'GitHub',
    authorize: '/login/oauth/authorize',
    token: '/login/oauth/access_token',
    user: '/user',
    emails: '/user/emails',
  },
  google: { label: 'Google', authorize: '/o/oauth2/v2/auth', token: '/token', user: '/v1/userinfo' },
};

export const isProviderName = (value: string): value is ProviderName => value in PROVIDERS;

/** GitHub's `/user` and Google's userinfo, from one chosen identity. */
export function userResource(provider: ProviderName, identity: StandInIdentity): Record<string, unknown> {
  if (provider === 'github') {
    return {
      id: Number(identity.id),
      login: identity.login,
      name: identity.name,
      email: identity.email,
      avatar_url: identity.avatarUrl,
    };
  }
  const [given, ...family] = identity.name.split(' ');
  return {
    sub: identity.id,
    name: identity.name,
    given_name: given,
    family_name: family.join(' '),
    picture: identity.avatarUrl,
    email: identity.email,
    email_verified: identity.emailVerified,
  };
}
