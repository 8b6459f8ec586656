import { z } from 'zod';

/**
 * A bigint or numeric column as it arrives over PostgREST or pg: a JSON number, or a string for
 * bigint and numeric values. Credits and token counts stay far below 2^53, so a number is exact.
 * Unlike `z.coerce.number()`, null and '' are refused rather than read as 0, and text that is not a
 * number fails instead of becoming NaN.
 */
export const dbNumber = z
  .union([z.number(), z.string().trim().min(1)])
  .transform(Number)
  .pipe(z.number());
