import { z } from 'zod';
import { formatCreditsExact } from '@/lib/credits-format';
import { usageAlertFactsSchema, usageAlertText } from '@/shared/usage-alert-text';

/**
 * A notification row as the bell shows it. Most carry the title and body the server wrote; a
 * usage alert carries its facts instead and is worded here (src/shared/usage-alert-text.ts), so
 * the wording can change without a migration.
 */
export const notificationRowSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string().nullable(),
    body: z.string(),
    facts: z.unknown().nullable(),
    link: z.string().nullable(),
    read_at: z.string().nullable(),
    created_at: z.string(),
  })
  .transform((row) => {
    const facts = row.title === null ? usageAlertFactsSchema.safeParse(row.facts) : undefined;
    const text =
      row.title !== null
        ? { title: row.title, body: row.body }
        : facts?.success
          ? usageAlertText(facts.data, formatCreditsExact)
          : { title: 'Notification', body: row.body };
    return {
      id: row.id,
      kind: row.kind,
      ...text,
      link: row.link,
      read: row.read_at !== null,
      createdAt: row.created_at,
    };
  });
export type AppNotification = z.output<typeof notificationRowSchema>;
