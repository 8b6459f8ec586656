/**
 * JWT handling shared by the local Auth and REST servers: HS256 with the project's JWT secret, the
 * claim checks PostgREST makes (30 s clock skew), and the Supabase CLI's API-key mapping.
 *
 * A project may also have asymmetric signing keys (the CLI's `[auth] signing_keys_path`, a JSON
 * array of private JWKs): then, as GoTrue does, new tokens are signed with the first key (with its
 * `kid`), tokens carrying a known `kid` are verified with that key, and the public halves are
 * published at /.well-known/jwks.json. HS256 tokens signed with the secret stay valid.
 */
import {
  SignJWT,
  decodeProtectedHeader,
  errors as joseErrors,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type KeyObject,
} from 'jose';

export interface JwtConfig {
  secret: string;
  /** Tokens must carry this audience when they carry one (GoTrue: "authenticated"). */
  audience?: string;
  /** Private JWKs (RS256/ES256/EdDSA) with `kid`; the first signs new tokens. */
  signingKeys?: JWK[];
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
const ASYMMETRIC = ['RS256', 'ES256', 'EdDSA'];

function publicHalf(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...rest } = jwk;
  return { ...rest, key_ops: ['verify'] };
}

const importedKeys = new WeakMap<
  JWK,
  { sign: Promise<KeyObject | Uint8Array>; verify: Promise<KeyObject | Uint8Array> }
>();
function keyOf(jwk: JWK, use: 'sign' | 'verify'): Promise<KeyObject | Uint8Array> {
  let keys = importedKeys.get(jwk);
  if (!keys) {
    const { key_ops: _ops, ...privateJwk } = jwk;
    keys = {
      sign: importJWK(privateJwk, jwk.alg) as Promise<KeyObject | Uint8Array>,
      verify: importJWK(publicHalf(privateJwk), jwk.alg) as Promise<KeyObject | Uint8Array>,
    };
    importedKeys.set(jwk, keys);
  }
  return keys[use];
}

/** The public halves of the signing keys, as GoTrue lists them in its JWKS. */
export function publicJwks(config: JwtConfig): JWK[] {
  return (config.signingKeys ?? []).map(publicHalf);
}

async function verificationKey(token: string, config: JwtConfig) {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new JwtError('PGRST301', 'JWT cryptographic operation failed');
  }
  if (header.alg && ASYMMETRIC.includes(header.alg)) {
    const jwk = config.signingKeys?.find((candidate) => candidate.kid === header.kid);
    if (jwk) return { key: await keyOf(jwk, 'verify'), algorithms: [header.alg] };
  }
  return { key: new TextEncoder().encode(config.secret), algorithms: ['HS256'] };
}

export async function verifyJwt(token: string, config: JwtConfig): Promise<JwtClaims> {
  if (token === '') throw new JwtError('PGRST301', 'Empty JWT is sent in Authorization header');
  const parts = token.split('.').length;
  if (parts !== 3) throw new JwtError('PGRST301', `Expected 3 parts in JWT; got ${parts}`);
  try {
    const { key, algorithms } = await verificationKey(token, config);
    const { payload } = await jwtVerify(token, key, { algorithms, clockTolerance: CLOCK_SKEW_SECONDS });
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
  const signingKey = config.signingKeys?.[0];
  if (signingKey?.alg && signingKey.kid) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid, typ: 'JWT' })
      .sign(await keyOf(signingKey, 'sign'));
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(config.secret));
}
