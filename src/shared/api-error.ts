/**
 * The one error shape every function answers with (DESIGN.md §6), shared by the functions and the
 * SPA: `{ "error": { "code", "message", "details"?, "requestId" } }`.
 */
import { z } from 'zod';
import { errorCodes } from './error-codes';

export { errorCodes, errorStatus, type ErrorCode } from './error-codes';

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
