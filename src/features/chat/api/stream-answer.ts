/**
 * Sends a message to a hired employee (POST /api/agents/execute) and reads the streamed answer.
 * Aborting `signal` stops the stream (the server keeps and bills what was generated, marked as
 * stopped); a refusal before streaming (402, 429, …) rejects with ApiClientError.
 */
import type { z } from 'zod';
import { apiFetch, streamEvents } from '@/lib/api-client';
import type { AttachmentRef } from '@/shared/chat-attachments';
import { streamEventSchemas } from '../schemas';

type Schemas = typeof streamEventSchemas;
export type AnswerEvent = { [K in keyof Schemas]: { type: K; data: z.output<Schemas[K]> } }[keyof Schemas];

export interface SendMessage {
  employeeId: string;
  sessionId?: string;
  message: string;
  /**
   * The stored message's id when `message` is answered again after its answer failed: the server
   * answers it without storing it twice (needs `sessionId`).
   */
  answerAgain?: string;
  /** Files already uploaded to the chat-attachments bucket, sent with `message`. */
  attachments?: AttachmentRef[];
  /** The longest answer wanted, in tokens (the answer-length choice); it sets the credit hold. */
  maxTokens?: number;
}

const isEventName = (name: string): name is keyof Schemas => name in streamEventSchemas;

export async function streamAnswer(
  input: SendMessage,
  signal: AbortSignal,
  onEvent: (event: AnswerEvent) => void,
): Promise<void> {
  const response = await apiFetch('/api/agents/execute', {
    method: 'POST',
    json: {
      employee_id: input.employeeId,
      ...(input.answerAgain ? { answer_again: input.answerAgain } : { message: input.message }),
      ...(!input.answerAgain && input.attachments?.length ? { attachments: input.attachments } : {}),
      ...(input.sessionId ? { session_id: input.sessionId } : {}),
      ...(input.maxTokens ? { max_tokens: input.maxTokens } : {}),
    },
    headers: { Accept: 'text/event-stream' },
    signal,
  });
  for await (const event of streamEvents(response)) {
    if (!isEventName(event.event)) continue;
    const data = streamEventSchemas[event.event].parse(JSON.parse(event.data));
    onEvent({ type: event.event, data } as AnswerEvent);
  }
}
