/** What each provider's wire format implements for the stand-in server. */
import type { LlmProviderName } from '../../../../src/shared/llm-contract';

export type ProviderName = LlmProviderName;

/** A request, reduced to what the stand-in's deterministic model needs. */
export interface StandInRequest {
  model: string;
  stream: boolean;
  /** OpenAI's `stream_options.include_usage`; the other providers always report usage. */
  includeUsage: boolean;
  maxTokens: number | undefined;
  system: string | undefined;
  /** Message texts, oldest first; the last one is what the answer responds to. */
  messages: string[];
  /** Structured output asked for: JSON (valid against `schema` when given), as tool `tool` for Anthropic. */
  structured?: { schema?: Record<string, unknown>; tool?: string };
}

export interface Completion {
  id: string;
  model: string;
  created: number;
  tokens: string[];
  finishReason: 'stop' | 'length';
  /** All prompt tokens, cached ones included. */
  promptTokens: number;
  cachedTokens: number;
  /** Anthropic: the answer is the input of this forced tool call. */
  toolName?: string;
}

export interface ErrorReply {
  body: unknown;
  headers?: Record<string, string>;
}

export interface WireFormat {
  provider: ProviderName;
  /** Whether the request carries an API key where this provider's SDK sends it. */
  authorized(headers: Headers): boolean;
  /** Throws `MalformedRequest` for a body the real API would reject with 400. */
  parse(body: unknown, pathModel: string | undefined, pathStream: boolean): StandInRequest;
  json(completion: Completion): unknown;
  /** SSE frames before the first token. */
  streamStart(completion: Completion): string[];
  streamToken(completion: Completion, token: string, index: number): string[];
  /** SSE frames after the last token; `usage` false leaves usage out (when not asked for). */
  streamEnd(completion: Completion, usage: boolean): string[];
  /** The in-stream error frame this provider sends when it fails mid-way, after `index` tokens. */
  streamError(status: number, message: string, index: number): string[];
  error(status: number, message: string): ErrorReply;
}

export class MalformedRequest extends Error {}

export function sseFrame(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export const outputTokens = (completion: Completion) => completion.tokens.length;

/** Message text from a string or an array of text blocks (`{ type: 'text', text }` / `{ text }`). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
          ? part.text
          : '',
      )
      .join('');
  }
  throw new MalformedRequest('message content must be a string or an array of text parts');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalPositiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new MalformedRequest(`${name} must be a positive integer`);
  }
  return value;
}
