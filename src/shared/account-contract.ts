/** Account export and deletion: the request shapes both the SPA and the functions use. */
import { z } from 'zod';

/** What a user must type to confirm the deletion of their account. */
export const DELETE_CONFIRMATION = 'DELETE';

export const deleteAccountBodySchema = z.object({
  password: z.string().min(1, 'Enter your current password.').max(200),
  confirm: z.literal(DELETE_CONFIRMATION, { error: `Type ${DELETE_CONFIRMATION} to confirm.` }),
});
export type DeleteAccountBody = z.infer<typeof deleteAccountBodySchema>;

/** One signed-in device, as GET /api/account/sessions lists it (ADR 0071). */
export const accountSessionSchema = z.object({
  id: z.uuid(),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  created_at: z.string(),
  /** When the device last refreshed its access token (its last sign of life); null if never. */
  refreshed_at: z.string().nullable(),
  /** The session of the access token that asked: "this device". */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;

export const accountSessionsResponseSchema = z.object({ sessions: z.array(accountSessionSchema) });

export const accountSessionParamsSchema = z.object({ id: z.uuid() });
