/**
 * Passwords as GoTrue stores them: bcrypt (cost 10, like Go's default), and its length rule
 * (`minimum_password_length` from the project settings; no character classes required).
 */
import bcrypt from 'bcryptjs';
import { AuthApiError, badRequest } from './errors';

const BCRYPT_COST = 10;
/** bcrypt ignores bytes after the 72nd, so GoTrue refuses longer passwords instead of truncating. */
const MAX_PASSWORD_BYTES = 72;

export function assertPasswordAcceptable(password: string, minimumLength: number): void {
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  if ([...password].length < minimumLength) {
    throw new AuthApiError(422, 'weak_password', `Password should be at least ${minimumLength} characters.`, {
      weak_password: { reasons: ['length'] },
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** A hash of nothing in particular, compared against when there is no real one (see below). */
const DECOY_HASH = bcrypt.hashSync('decoy password, never matches a real account', BCRYPT_COST);

/**
 * Accepts `$2a$` (GoTrue, pgcrypto seeds) and `$2b$` hashes; a missing hash never matches. Without
 * a hash (unknown email, passwordless user) a decoy is still compared, so the response time does
 * not tell whether an address has an account.
 */
export async function passwordMatches(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, DECOY_HASH);
    return false;
  }
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}
