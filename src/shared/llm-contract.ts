/**
 * The contract of the metered LLM gateway (`POST /api/llm/:provider`) and of employees at work
 * (`POST /api/agents/execute`), shared by the functions and the SPA. The same shapes for every
 * provider: the SPA never branches on the provider.
 */
import { z } from 'zod';
import type { ApiErrorBody } from './api-error';
import { ATTACHMENTS_PER_MESSAGE, attachmentRefSchema } from './chat-attachments';
import type { ByPlan } from './plans';
import { storableText } from './storable-text';

export { storableText };

export const llmProviderNames = ['openai', 'anthropic', 'google', 'perplexity'] as const;
export type LlmProviderName = (typeof llmProviderNames)[number];

/** Bounds on what one call may send; the body limit (1 MB) applies on top. */
export const llmLimits = {
  maxMessages: 100,
  maxMessageChars: 100_000,
  maxSystemChars: 50_000,
  maxTotalChars: 400_000,
  maxModelChars: 100,
} as const;

/** The most output tokens a call may ask for, by plan. */
export const maxOutputTokensByPlan = {
  free: 4_096,
  pro: 16_384,
  max: 65_536,
} as const satisfies ByPlan<number>;
/** Output tokens when the caller does not say: enough for a long answer, and within every plan's cap. */
export const defaultMaxOutputTokens = 4_096;

/** A model id as providers spell them (gpt-4o-mini, claude-sonnet-4-5, gemini-2.5-flash, sonar-pro). */
const modelName = z
  .string()
  .trim()
  .min(1)
  .max(llmLimits.maxModelChars)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Not a model name.');

export const chatMessageSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: storableText().min(1).max(llmLimits.maxMessageChars),
});
export type ChatMessageInput = z.infer<typeof chatMessageSchema>;

export const llmRequestSchema = z
  .strictObject({
    model: modelName,
    messages: z.array(chatMessageSchema).min(1).max(llmLimits.maxMessages),
    system: storableText().max(llmLimits.maxSystemChars).optional(),
    max_tokens: z.int().min(1).max(maxOutputTokensByPlan.max).optional(),
    temperature: z.number().min(0).max(2).optional(),
    stream: z.boolean().optional(),
  })
  .refine((body) => body.messages.at(-1)?.role === 'user', {
    message: 'The last message must be from the user.',
    path: ['messages'],
  })
  .refine(
    (body) =>
      body.messages.reduce((sum, m) => sum + m.content.length, body.system?.length ?? 0) <=
      llmLimits.maxTotalChars,
    {
      message: `Messages and system prompt may hold at most ${llmLimits.maxTotalChars} characters in total.`,
      path: ['messages'],
    },
  );
export type LlmRequest = z.infer<typeof llmRequestSchema>;

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'other';

export interface UsageWire {
  /** Prompt tokens billed at the input rate (cached ones excluded). */
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
}

export interface LlmJsonResponse {
  id: string;
  provider: LlmProviderName;
  model: string;
  content: string;
  finish_reason: FinishReason;
  usage: UsageWire;
  credits_charged: number;
  /** Available credits after this call. */
  balance: number;
}

/** Events of the `text/event-stream` answer, by SSE event name. */
export interface LlmStreamEvents {
  delta: { text: string };
  usage: UsageWire;
  done: { finish_reason: FinishReason; credits_charged: number; balance: number };
  error: ApiErrorBody;
  /** agents/execute only, always first. */
  session: { session_id: string; user_message_id: string; assistant_message_id: string };
}

export const agentExecuteSchema = z
  .strictObject({
    /** Omit to start a new session with this employee. */
    session_id: z.uuid().optional(),
    /** The hired employee (ai_employees.id); must be the session's employee when a session is given. */
    employee_id: z.uuid(),
    /** A new message; or, instead of one, `answer_again`. */
    message: storableText().trim().min(1).max(llmLimits.maxMessageChars).optional(),
    /**
     * The `user_message_id` of a stored message whose answer failed: it is answered again, in its
     * session, without storing the message a second time. Only the session's latest message can
     * be, and only while it has no answer other than failed ones.
     */
    answer_again: z.uuid().optional(),
    /** Files uploaded to the chat-attachments bucket, sent with `message` (their text reaches the model). */
    attachments: z
      .array(attachmentRefSchema)
      .max(ATTACHMENTS_PER_MESSAGE)
      .refine((refs) => new Set(refs.map((ref) => ref.path)).size === refs.length, 'Attach each file once.')
      .optional(),
    /**
     * The longest answer wanted, in output tokens (the chat's answer-length choice): the credit
     * hold is priced at it, so a shorter answer needs fewer credits held. Within the plan's cap.
     */
    max_tokens: z.int().min(1).max(maxOutputTokensByPlan.max).optional(),
  })
  .refine((input) => (input.message === undefined) !== (input.answer_again === undefined), {
    message: 'Send either a message or answer_again.',
    path: ['message'],
  })
  .refine((input) => input.answer_again === undefined || input.session_id !== undefined, {
    message: 'answer_again needs the session of the message.',
    path: ['session_id'],
  })
  .refine((input) => input.answer_again === undefined || input.attachments === undefined, {
    message: 'A message answered again keeps the attachments it was sent with.',
    path: ['attachments'],
  });
/**
 * POST /api/agents/estimate: what sending `message` would hold, before it is sent. The chat shows
 * it under the composer so nobody is refused for credits by surprise.
 */
export const agentEstimateSchema = z.strictObject({
  employee_id: z.uuid(),
  session_id: z.uuid().optional(),
  /** The text typed so far ('' for none yet). */
  message: storableText().max(llmLimits.maxMessageChars),
  max_tokens: z.int().min(1).max(maxOutputTokensByPlan.max).optional(),
});
export type AgentEstimateRequest = z.infer<typeof agentEstimateSchema>;

export interface AgentEstimate {
  /** Credits held while the answer is written: its price at the longest answer asked for. */
  hold_credits: number;
  /** The answer length the hold is priced at. */
  max_tokens: number;
  /** The longest answer the caller's plan allows. */
  plan_max_tokens: number;
}

export type AgentExecuteRequest = z.infer<typeof agentExecuteSchema>;

/**
 * `details` of an agents/execute error answered after the message was stored (the provider failed
 * before answering): where it is, so that it can be answered again with `answer_again`.
 */
export const storedMessageSchema = z.object({ session_id: z.uuid(), user_message_id: z.uuid() });
export type StoredMessage = z.infer<typeof storedMessageSchema>;

export const agentStopSchema = z.strictObject({
  /** The `assistant_message_id` of the answer's `session` event. */
  assistant_message_id: z.uuid(),
});
export type AgentStopRequest = z.infer<typeof agentStopSchema>;
