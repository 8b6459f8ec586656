/**
 * What an avatar may be — the same rules the `avatars` bucket enforces in Storage
 * (supabase/migrations/20261203120000_create_avatars_bucket.sql); checked here first so the user
 * hears about a wrong file before it is sent.
 */
export { AVATARS_BUCKET } from '@/shared/avatars';
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** One file per user, replaced on each upload: `<user id>/avatar`. */
export const avatarPath = (userId: string) => `${userId}/avatar`;

/** Why a file cannot be an avatar, or null when it can. */
export function avatarProblem(file: { type: string; size: number }): string | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) {
    return 'Choose a PNG, JPEG, WebP or GIF image.';
  }
  if (file.size > AVATAR_MAX_BYTES) return 'Choose an image of at most 2 MB.';
  return null;
}
