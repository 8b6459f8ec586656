/**
 * Token material as GoTrue makes it: access tokens (HS256, the claims of
 * `internal/tokens/service.go AccessTokenClaims`), 12-character refresh tokens, 6-digit email OTPs
 * and their stored form `sha224(email + otp)` in hex (`crypto.GenerateTokenHash`).
 */
import { createHash, randomInt } from 'node:crypto';
import { signJwt, type JwtConfig } from '../jwt';
import type { UserRow } from './users-repo';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function secureRandom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** v1 refresh tokens: `crypto.SecureAlphanumeric(12)`. */
export const newRefreshToken = () => secureRandom(ALPHANUMERIC, 12);

/** The one-time code shown in emails (CLI default `otp_length = 6`). */
export const newEmailOtp = () => secureRandom('0123456789', 6);

export function tokenHash(email: string, otp: string): string {
  return createHash('sha224')
    .update(email + otp)
    .digest('hex');
}

export interface AmrEntry {
  method: string;
  timestamp: number;
}

export interface AccessToken {
  token: string;
  expiresAt: number;
}

export async function signAccessToken(
  jwt: JwtConfig,
  issuer: string,
  ttlSeconds: number,
  user: UserRow,
  session: { id: string; aal: string; amr: AmrEntry[] },
): Promise<AccessToken> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await signJwt(
    {
      iss: issuer,
      sub: user.id,
      aud: user.aud ?? 'authenticated',
      exp: expiresAt,
      iat: issuedAt,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || 'authenticated',
      aal: session.aal,
      amr: session.amr,
      session_id: session.id,
      is_anonymous: user.is_anonymous,
    },
    jwt,
  );
  return { token, expiresAt };
}
