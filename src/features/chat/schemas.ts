import { z } from 'zod';
import { apiErrorBodySchema } from '@/shared/api-error';

/** A session title as the user types it; chat_sessions.title checks 1 to 200 characters. */
export const sessionTitleMaxLength = 200;
export const sessionTitleSchema = z.string().trim().min(1).max(sessionTitleMaxLength);

export const sessionRowSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    employee_id: z.string().nullable(),
    last_message_at: z.string().nullable(),
    created_at: z.string(),
  })
  .transform((row) => ({
    id: row.id,
    title: row.title,
    employeeId: row.employee_id,
    lastActivityAt: row.last_message_at ?? row.created_at,
  }));
export type ChatSession = z.output<typeof sessionRowSchema>;

export const messageRowSchema = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant', 'system']),
    content: z.string(),
    status: z.enum(['streaming', 'complete', 'stopped', 'error']),
    credits_charged: z.number().nullable(),
    model: z.string().nullable().default(null),
    employee_version_id: z.string().nullable().default(null),
    created_at: z.string(),
    chat_attachments: z.array(z.object({ file_name: z.string(), position: z.number() })).default([]),
  })
  .transform((row) => ({
    id: row.id,
    role: row.role,
    content: row.content,
    status: row.status,
    credits: row.credits_charged,
    model: row.model,
    versionId: row.employee_version_id,
    createdAt: row.created_at,
    attachments: row.chat_attachments
      .toSorted((a, b) => a.position - b.position)
      .map((file) => file.file_name),
  }));
export type ChatMessage = z.output<typeof messageRowSchema>;

export interface ChatEmployee {
  id: string;
  name: string;
  role: string;
  /** What the employee is for, and the skills it lists (the new-chat card and its starters). */
  description: string;
  skills: string[];
  avatarUrl: string | null;
  /** The pinned version's number and model that answer; null when the version is not listed. */
  version: number | null;
  model: string | null;
}

/** The events of POST /api/agents/execute (src/shared/llm-contract.ts), checked as they arrive. */
export const streamEventSchemas = {
  session: z.object({
    session_id: z.string(),
    user_message_id: z.string(),
    assistant_message_id: z.string(),
  }),
  delta: z.object({ text: z.string() }),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number(), cached_input_tokens: z.number() }),
  done: z.object({ finish_reason: z.string(), credits_charged: z.number(), balance: z.number() }),
  error: apiErrorBodySchema,
};
