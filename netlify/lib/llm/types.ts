/**
 * The one provider interface: every provider takes the same request and answers with the same
 * normalised completion or event stream, so metering, persistence and the SPA never branch on the
 * provider.
 */
import type { FinishReason } from '../../../src/shared/llm-contract';
import type { LlmProvider } from '../env';

export type { FinishReason, LlmProvider };

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * Ask for JSON matching `schema` (a JSON Schema object) instead of prose: each adapter uses its
 * provider's structured-output mode, and the answer's text is the JSON document.
 */
export interface ResponseFormat {
  /** A name for the schema (OpenAI's json_schema.name, Anthropic's tool name): [a-zA-Z0-9_-]. */
  name: string;
  schema: Record<string, unknown>;
}

export interface ProviderRequest {
  model: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  responseFormat?: ResponseFormat;
}

/**
 * Token counts as billed: `inputTokens` are the prompt tokens charged at the full input rate
 * (cache reads excluded), `cachedInputTokens` those charged at the cached rate.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

export interface ProviderCompletion {
  content: string;
  finishReason: FinishReason;
  /** Undefined only when the provider did not report usage. */
  usage: TokenUsage | undefined;
}

export type ProviderEvent =
  | { type: 'delta'; text: string }
  | { type: 'usage'; usage: TokenUsage }
  | { type: 'finish'; reason: FinishReason };

export interface ProviderClient {
  readonly provider: LlmProvider;
  complete(request: ProviderRequest, signal: AbortSignal): Promise<ProviderCompletion>;
  /**
   * Text deltas as they arrive, then one `usage` (when reported) and one `finish`. Throws
   * ProviderError on failure, also mid-way.
   */
  stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderEvent>;
}

export interface ProviderClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Per attempt: connection to response headers (streams) or to the whole body (JSON). */
  timeoutMs: number;
  maxRetries: number;
}
