/**
 * What a chat message may carry, for the SPA (checks before uploading) and the agents function
 * (checks before reading). The `chat-attachments` bucket enforces type and size in Storage too
 * (supabase/migrations/20261203121000_create_chat_attachments.sql).
 */
import { z } from 'zod';
import { storableText } from './storable-text';

export const CHAT_ATTACHMENTS_BUCKET = 'chat-attachments';
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_MESSAGE = 5;
/** Text all attachments of one message may add to the prompt (about 50k tokens). */
export const ATTACHMENT_TEXT_MAX_CHARS = 200_000;

/** The accepted types, and the extensions a browser may report without a type. */
export const attachmentTypes = {
  'text/plain': ['txt', 'text', 'log'],
  'text/markdown': ['md', 'markdown'],
  'text/csv': ['csv'],
  'application/json': ['json'],
  'application/pdf': ['pdf'],
} as const;
export type AttachmentType = keyof typeof attachmentTypes;

/** The type to store a file as: its own when accepted, else by extension; null when not accepted. */
export function attachmentTypeOf(file: { name: string; type: string }): AttachmentType | null {
  const type = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type in attachmentTypes) return type as AttachmentType;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  for (const [candidate, extensions] of Object.entries(attachmentTypes)) {
    if ((extensions as readonly string[]).includes(extension)) return candidate as AttachmentType;
  }
  return null;
}

export const attachmentRefSchema = z.strictObject({
  /** Key in the chat-attachments bucket: `<user id>/<upload id>/<file name>`. */
  path: storableText().min(3).max(1024),
  /** The name to show and to tell the model (the key holds a Storage-safe version). */
  name: storableText().trim().min(1).max(255),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;
