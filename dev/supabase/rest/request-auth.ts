/**
 * Who a request runs as: the gateway's API-key rules (reference §1.1, §2.2) followed by PostgREST's
 * JWT authentication. Invalid or expired tokens are 401, never silently anonymous.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SupabaseApiConfig } from '../context';
import { JwtError, verifyJwt, type JwtClaims } from '../jwt';
import { RestError } from './errors';

export interface RequestIdentity {
  role: string;
  /** All claims, `role` overwritten by the effective role (request.jwt.claims). */
  claims: JwtClaims;
}

const ANON_ROLE = 'anon';
const VERIFIED_CACHE_LIMIT = 1000;

export class RequestAuthenticator {
  /** Verified tokens → claims, so hot clients do not pay for HMAC verification on every request. */
  private readonly verified = new Map<string, JwtClaims>();

  constructor(private readonly config: SupabaseApiConfig) {}

  async identify(headers: IncomingHttpHeaders, query: URLSearchParams): Promise<RequestIdentity> {
    const apikey = headerValue(headers.apikey) ?? query.get('apikey') ?? undefined;
    const { anonKey, serviceRoleKey, publishableKey, secretKey } = this.config;
    const lenient = this.config.apiKeyCheck === 'cli';
    if (
      !lenient &&
      (apikey === undefined || ![anonKey, serviceRoleKey, publishableKey, secretKey].includes(apikey))
    ) {
      throw new RestError(
        401,
        'PGRST301',
        '`apikey` request header or query parameter is either missing or invalid. Double check your Supabase `anon` or `service_role` API key.',
        null,
        'Provide a valid API key in the `apikey` header or query parameter.',
      );
    }
    const authorization = headerValue(headers.authorization);
    const bearer = authorization === undefined ? undefined : /^bearer (.*)$/i.exec(authorization)?.[1];
    // The gateway's mapping: a `Bearer sb_…` (or no Authorization) is not a user token.
    let token: string;
    if (bearer !== undefined && !bearer.startsWith('sb_')) token = bearer;
    else if (apikey === secretKey) token = serviceRoleKey;
    else if (apikey === publishableKey) token = anonKey;
    else if (apikey !== undefined) token = apikey;
    else return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
    const claims = await this.verify(token);
    const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : ANON_ROLE;
    return { role, claims: { ...claims, role } };
  }

  private async verify(token: string): Promise<JwtClaims> {
    const cached = this.verified.get(token);
    if (cached && (cached.exp === undefined || cached.exp + 30 > Date.now() / 1000)) return cached;
    try {
      const claims = await verifyJwt(token, this.config.jwt);
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(token, claims);
      return claims;
    } catch (error) {
      this.verified.delete(token);
      if (error instanceof JwtError) {
        throw new RestError(401, error.code, error.message, null, null, {
          'www-authenticate': `Bearer error="invalid_token", error_description="${error.message}"`,
        });
      }
      throw error;
    }
  }
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
