/** The public Storage bucket of profile pictures (ADR 0032): one file per user at `<user id>/avatar`. */
export const AVATARS_BUCKET = 'avatars';
