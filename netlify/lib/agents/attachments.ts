/**
 * Attachments of a chat message: read from the private chat-attachments bucket with the user's
 * own token (RLS on storage.objects decides — another user's file is simply not found), their
 * text extracted here (PDF with unpdf, ADR 0033; the text types as UTF-8), and the message the
 * model reads built from the user's text plus each file's text. That one string is what the
 * prompt estimate, the credit reservation and the context window all count.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TEXT_MAX_CHARS,
  CHAT_ATTACHMENTS_BUCKET,
  attachmentTypeOf,
  type AttachmentRef,
} from '../../../src/shared/chat-attachments';
import { ApiError } from '../http/api-error';

export interface ReadAttachment {
  path: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  text: string;
}

/** Reads files as the user; a file the user cannot read is "not found", never someone else's. */
export type AttachmentReader = (path: string) => Promise<Blob | null>;

export function attachmentReaderFor(client: SupabaseClient): AttachmentReader {
  return async (path) => {
    const { data, error } = await client.storage.from(CHAT_ATTACHMENTS_BUCKET).download(path);
    return error ? null : data;
  };
}

async function extractText(contentType: string, bytes: Uint8Array): Promise<string> {
  if (contentType === 'application/pdf') {
    // Loaded on first use: pdf.js is large and most messages carry no PDF.
    const { extractText: extractPdfText, getDocumentProxy } = await import('unpdf');
    try {
      const pdf = await getDocumentProxy(bytes);
      const { text } = await extractPdfText(pdf, { mergePages: true });
      return text.trim();
    } catch {
      throw new ApiError(
        'VALIDATION_FAILED',
        'A PDF attachment could not be read; is it a valid, unencrypted PDF?',
      );
    }
  }
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export async function readAttachments(
  read: AttachmentReader,
  userId: string,
  refs: AttachmentRef[],
): Promise<ReadAttachment[]> {
  const files: ReadAttachment[] = [];
  let chars = 0;
  for (const ref of refs) {
    // Belt and braces: RLS already limits reads to the user's own folder.
    const blob = ref.path.startsWith(`${userId}/`) ? await read(ref.path) : null;
    if (!blob) throw new ApiError('NOT_FOUND', `Attachment not found: ${ref.name}.`);
    const contentType = attachmentTypeOf({ name: ref.name, type: blob.type });
    if (!contentType)
      throw new ApiError('VALIDATION_FAILED', `${ref.name} is not a text, Markdown, CSV, JSON or PDF file.`);
    if (blob.size > ATTACHMENT_MAX_BYTES)
      throw new ApiError('VALIDATION_FAILED', `${ref.name} is larger than 10 MB.`);
    const text = await extractText(contentType, new Uint8Array(await blob.arrayBuffer()));
    chars += text.length;
    if (chars > ATTACHMENT_TEXT_MAX_CHARS) {
      throw new ApiError(
        'VALIDATION_FAILED',
        `The attached files hold more text than the model can read with one message (at most ${ATTACHMENT_TEXT_MAX_CHARS.toLocaleString('en')} characters).`,
      );
    }
    files.push({ path: ref.path, name: ref.name, contentType, sizeBytes: blob.size, text });
  }
  return files;
}

/** The user's message as the model reads it: the text, then each attached file's text. */
export function messageWithAttachments(
  message: string,
  files: ReadonlyArray<Pick<ReadAttachment, 'name' | 'contentType' | 'text'>>,
): string {
  if (files.length === 0) return message;
  const blocks = files.map(
    (file) =>
      `--- Attached file: ${file.name} (${file.contentType}) ---\n${file.text}\n--- End of ${file.name} ---`,
  );
  return [message, ...blocks].join('\n\n');
}
