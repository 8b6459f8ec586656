/**
 * Signed URL tokens as Storage makes them (src/storage/object.ts, src/internal/auth/jwt.ts):
 * HS256 JWTs signed with the project's JWT secret carrying `url` (`bucket/key`) and a `scope`;
 * download tokens expire after the requested seconds, upload tokens after two hours (Storage's
 * default) and remember the owner and upsert of the caller who asked for them.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import type { SupabaseApiConfig } from '../context';
import { ERRORS } from './errors';

export const SIGNED_UPLOAD_EXPIRES_IN_SECONDS = 2 * 60 * 60;

export interface SignedTokenPayload {
  url: string;
  scope?: 'download' | 'upload';
  owner?: string;
  upsert?: boolean;
  exp: number;
}

function secretOf(config: SupabaseApiConfig): Uint8Array {
  return new TextEncoder().encode(config.jwt.secret);
}

async function sign(
  config: SupabaseApiConfig,
  payload: Record<string, unknown>,
  expiresInSeconds: number,
): Promise<string> {
  return new SignJWT(payload)
    .setIssuedAt()
    .setExpirationTime(`${Math.floor(expiresInSeconds)}s`)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(secretOf(config));
}

export async function signDownload(
  config: SupabaseApiConfig,
  bucketId: string,
  key: string,
  expiresIn: number,
): Promise<string> {
  const url = `${bucketId}/${key}`;
  const token = await sign(config, { url, scope: 'download' }, expiresIn);
  return `/object/sign/${url}?token=${token}`;
}

export async function signUpload(
  config: SupabaseApiConfig,
  bucketId: string,
  key: string,
  owner: string | undefined,
  upsert: boolean,
): Promise<{ url: string; token: string }> {
  const url = `${bucketId}/${key}`;
  const token = await sign(config, { owner, url, upsert, scope: 'upload' }, SIGNED_UPLOAD_EXPIRES_IN_SECONDS);
  return { url: `/object/upload/sign/${url}?token=${token}`, token };
}

/** Storage's verifyObjectSignature: signature, scope (legacy tokens by shape), path, expiry. */
export async function verifySignedToken(
  config: SupabaseApiConfig,
  token: string | null,
  url: string,
  scope: 'download' | 'upload',
): Promise<SignedTokenPayload> {
  if (!token) throw ERRORS.invalidRequest("querystring must have required property 'token'");
  let payload: SignedTokenPayload;
  try {
    payload = (await jwtVerify(token, secretOf(config), { algorithms: ['HS256'] }))
      .payload as unknown as SignedTokenPayload;
  } catch (error) {
    throw ERRORS.invalidJwt(error instanceof joseErrors.JOSEError ? error.message : undefined);
  }
  const isUpload = payload.scope === 'upload' || (payload.scope === undefined && 'upsert' in payload);
  const isDownload = payload.scope === 'download' || (payload.scope === undefined && !('upsert' in payload));
  if ((scope === 'upload' && !isUpload) || (scope === 'download' && !isDownload)) {
    throw ERRORS.invalidSignature(`Token is not scoped for ${scope}`);
  }
  if (payload.url !== url) throw ERRORS.invalidSignature();
  if (payload.exp * 1000 < Date.now()) throw ERRORS.expiredSignature();
  return payload;
}
