/**
 * Email tokens as GoTrue keeps them: the hash in the user's `*_token` column (what the link
 * carries) and a row in `auth.one_time_tokens`, one per user and purpose. A fresh token replaces
 * the previous one, and a used token is cleared, so each link works once.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { newEmailOtp, tokenHash } from './tokens';
import { timestampMs } from './user-json';

export type OneTimeTokenType =
  | 'confirmation_token'
  | 'recovery_token'
  | 'email_change_token_new'
  | 'email_change_token_current'
  | 'reauthentication_token';

/** Links and OTPs expire after the CLI default `otp_expiry = 3600` seconds. */
export const EMAIL_OTP_TTL_SECONDS = 3600;

export interface IssuedEmailToken {
  otp: string;
  hash: string;
}

export async function issueEmailToken(
  db: Queryable,
  userId: string,
  type: OneTimeTokenType,
  email: string,
  /** `pkce_` for a flow started with a code challenge (pkce.ts): the link then returns a code. */
  prefix = '',
): Promise<IssuedEmailToken> {
  const otp = newEmailOtp();
  const hash = `${prefix}${tokenHash(email, otp)}`;
  await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, type]);
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
     values ($1, $2, $3, $4, $5)`,
    [randomUUID(), userId, type, hash, email],
  );
  return { otp, hash };
}

export async function clearEmailTokens(
  db: Queryable,
  userId: string,
  types?: OneTimeTokenType[],
): Promise<void> {
  if (types) {
    await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = any($2)', [
      userId,
      types,
    ]);
  } else {
    await db.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
  }
}

/** Whether a token sent at `sentAt` (PostgreSQL UTC text) is still valid. */
export function isWithinOtpLifetime(sentAt: string | null): boolean {
  if (!sentAt) return false;
  return Date.now() < timestampMs(sentAt) + EMAIL_OTP_TTL_SECONDS * 1000;
}
