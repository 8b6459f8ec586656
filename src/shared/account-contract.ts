/** Account export and deletion: the request shapes both the SPA and the functions use. */
import { z } from 'zod';

/** What a user must type to confirm the deletion of their account. */
export const DELETE_CONFIRMATION = 'DELETE';

export const deleteAccountBodySchema = z.object({
  password: z.string().min(1, 'Enter your current password.').max(200),
  confirm: z.literal(DELETE_CONFIRMATION, { error: `Type ${DELETE_CONFIRMATION} to confirm.` }),
});
export type DeleteAccountBody = z.infer<typeof deleteAccountBodySchema>;
