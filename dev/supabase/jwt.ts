/**
 * JWT handling shared by the local Auth and REST servers: HS256 with the project's JWT secret, the
 * claim checks PostgREST makes (30 s clock skew), and the Supabase CLI's API-key mapping.
 */
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';

export interface JwtConfig {
  secret: string;
  /** Tokens must carry this audience when they carry one (GoTrue: "authenticated"). */
  audience?: string;
}

export type JwtClaims = JWTPayload & { role?: string; [claim: string]: unknown };

/** A token that must be refused; `code` is PostgREST's (PGRST301 decode, PGRST303 claims). */
export class JwtError extends Error {
  constructor(
    readonly code: 'PGRST301' | 'PGRST303',
    message: string,
  ) {
    super(message);
    this.name = 'JwtError';
  }
}

const CLOCK_SKEW_SECONDS = 30;

export async function verifyJwt(token: string, config: JwtConfig): Promise<JwtClaims> {
  if (token === '') throw new JwtError('PGRST301', 'Empty JWT is sent in Authorization header');
  const parts = token.split('.').length;
  if (parts !== 3) throw new JwtError('PGRST301', `Expected 3 parts in JWT; got ${parts}`);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(config.secret), {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    if (config.audience && payload.aud !== undefined) {
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes(config.audience)) throw new JwtError('PGRST303', 'JWT not in audience');
    }
    return payload as JwtClaims;
  } catch (error) {
    if (error instanceof JwtError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new JwtError('PGRST303', 'JWT expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'nbf') throw new JwtError('PGRST303', 'JWT not yet valid');
      if (error.claim === 'iat') throw new JwtError('PGRST303', 'JWT issued at future');
      throw new JwtError('PGRST303', `The JWT '${error.claim}' claim is invalid`);
    }
    if (error instanceof joseErrors.JOSEAlgNotAllowed) {
      throw new JwtError('PGRST301', 'Wrong or unsupported encoding algorithm');
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw new JwtError('PGRST301', 'JWT cryptographic operation failed');
    }
    throw new JwtError('PGRST301', 'JWT cryptographic operation failed');
  }
}

export async function signJwt(claims: JwtClaims, config: JwtConfig): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(config.secret));
}
