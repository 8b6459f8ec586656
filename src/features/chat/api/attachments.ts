/**
 * Files attached to a chat message: uploaded by the browser straight to the private
 * chat-attachments bucket, into the user's own folder (RLS on storage.objects refuses any other),
 * before the message is sent; the agents function reads them as the user. Removed through
 * Storage when their session is deleted.
 */
import { ApiClientError } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import {
  ATTACHMENT_MAX_BYTES,
  CHAT_ATTACHMENTS_BUCKET,
  attachmentTypeOf,
  type AttachmentRef,
} from '@/shared/chat-attachments';

/** Why a file cannot be attached, or null when it can. */
export function attachmentProblem(file: File): string | null {
  if (!attachmentTypeOf(file)) return `${file.name}: attach text, Markdown, CSV, JSON or PDF files.`;
  if (file.size > ATTACHMENT_MAX_BYTES) return `${file.name} is larger than 10 MB.`;
  return null;
}

/** Storage keys take a safe subset of characters; the real name travels with the message. */
const storageSafeName = (name: string) => name.replace(/[^A-Za-z0-9_.() -]/g, '_').slice(-120) || 'file';

export async function uploadAttachment(userId: string, file: File): Promise<AttachmentRef> {
  const problem = attachmentProblem(file);
  const type = attachmentTypeOf(file);
  if (problem || !type)
    throw new ApiClientError({ status: 400, code: 'VALIDATION_FAILED', message: problem ?? '' });
  const path = `${userId}/${crypto.randomUUID()}/${storageSafeName(file.name)}`;
  const storage = await supabase.storage();
  const { error } = await storage.from(CHAT_ATTACHMENTS_BUCKET).upload(path, file, { contentType: type });
  if (error) {
    throw new ApiClientError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `${file.name} could not be uploaded: ${error.message}.`,
    });
  }
  return { path, name: file.name };
}

/** Deletes the files of a session's messages (before the session itself). */
export async function removeSessionAttachments(sessionId: string): Promise<void> {
  const rows = unwrap(
    await supabase.from('chat_attachments').select('object_path').eq('session_id', sessionId),
  );
  if (rows.length === 0) return;
  const storage = await supabase.storage();
  const { error } = await storage.from(CHAT_ATTACHMENTS_BUCKET).remove(rows.map((row) => row.object_path));
  if (error)
    throw new ApiClientError({
      status: 503,
      code: 'UNAVAILABLE',
      message: 'The attached files could not be deleted.',
    });
}
