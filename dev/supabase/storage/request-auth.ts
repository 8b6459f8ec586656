/**
 * Who a Storage request runs as. The gateway (the CLI's Kong `storage-v1` route) keeps a user's
 * `Authorization`, maps `Bearer sb_…`/no Authorization to the JWT of the `apikey` — and, unlike
 * /rest/v1, does not require an apikey, so public URLs work in an <img>. Storage then verifies
 * the JWT (HS256, project secret); a request without one is unauthenticated (anon), which only
 * the public routes accept.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { SupabaseApiConfig } from '../context';
import type { JwtClaims } from '../jwt';
import { headerValue } from '../rest/request-auth';
import { ERRORS } from './errors';

export interface StorageIdentity {
  /** False when no JWT reached Storage (public routes only). */
  authenticated: boolean;
  role: string;
  claims: JwtClaims;
  /** The JWT `sub`, recorded as the owner of what this request writes. */
  owner?: string;
  /** The verified token, for `request.jwt`. */
  jwt: string;
}

const ANONYMOUS: StorageIdentity = { authenticated: false, role: 'anon', claims: { role: 'anon' }, jwt: '' };

export function createStorageAuthenticator(config: SupabaseApiConfig) {
  const key = new TextEncoder().encode(config.jwt.secret);
  const verified = new Map<string, JwtClaims>();

  /** The token the gateway forwards, or undefined when it forwards none. */
  function gatewayToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
    const authorization = headerValue(headers.authorization);
    if (authorization !== undefined && !/^bearer sb_/i.test(authorization)) {
      return authorization.replace(/^bearer\s+/i, '');
    }
    const apikey = headerValue(headers.apikey) ?? query.get('apikey') ?? undefined;
    if (apikey === undefined) return undefined;
    if (apikey === config.secretKey) return config.serviceRoleKey;
    if (apikey === config.publishableKey) return config.anonKey;
    return apikey;
  }

  return {
    /** Throws Storage's AccessDenied (with jose's message) for a token that fails verification. */
    async identify(headers: IncomingHttpHeaders, query: URLSearchParams): Promise<StorageIdentity> {
      const token = gatewayToken(headers, query);
      if (token === undefined || token === '') return ANONYMOUS;
      let claims = verified.get(token);
      if (!claims || (claims.exp !== undefined && claims.exp <= Date.now() / 1000)) {
        try {
          claims = (await jwtVerify(token, key, { algorithms: ['HS256'] })).payload as JwtClaims;
        } catch (error) {
          verified.delete(token);
          throw ERRORS.accessDenied(error instanceof joseErrors.JOSEError ? error.message : 'Invalid JWT');
        }
        if (verified.size >= 1000) verified.clear();
        verified.set(token, claims);
      }
      const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : 'anon';
      return {
        authenticated: true,
        role,
        claims: { ...claims, role },
        owner: typeof claims.sub === 'string' ? claims.sub : undefined,
        jwt: token,
      };
    },
  };
}

/** Storage refuses a request without a JWT on the authenticated routes. */
export function requireJwt(identity: StorageIdentity): void {
  if (!identity.authenticated) throw ERRORS.accessDenied('Invalid Compact JWS');
}
