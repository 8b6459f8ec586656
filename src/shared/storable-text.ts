/**
 * Text the database can store: PostgreSQL refuses NUL (U+0000) in text and jsonb (SQLSTATE 22021 /
 * 22P05), so every free-text input of a function is refused here, with the field's path, before
 * anything is reserved, sent or written. (The pipeline also maps those SQLSTATEs to 400, as a
 * backstop without a path.)
 */
import { z } from 'zod';

export const storableText = () =>
  z.string().refine((text) => !text.includes('\u0000'), 'Must not contain NUL characters.');
