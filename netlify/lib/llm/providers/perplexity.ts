/**
 * Perplexity's Agent API (`POST /v1/responses`, the Responses format) through the official
 * `@perplexity-ai/perplexity_ai` SDK: Perplexity ended support for Sonar on Chat Completions on
 * 2026-09-27 (ADR 0088). Usage arrives on the final response, in JSON and on the stream's
 * `response.completed` event; a failure mid-stream is a `response.failed` event.
 */
import Perplexity, {
  APIError,
  type ErrorInfo,
  type ResponseCreateResponse,
  type ResponsesUsage,
} from '@perplexity-ai/perplexity_ai';
import { commonFailure, failureForStatus, ProviderError, retryAfterSeconds } from '../provider-error';
import type {
  FinishReason,
  ProviderClient,
  ProviderClientOptions,
  ProviderCompletion,
  ProviderEvent,
  ProviderRequest,
  TokenUsage,
} from '../types';

type AgentResponse = ResponseCreateResponse;

/** The Agent API names models by provider (`perplexity/sonar`); the catalog keeps Perplexity's own bare. */
export const agentModel = (model: string) => (model.includes('/') ? model : `perplexity/${model}`);

// input_tokens counts every prompt token, its details the cache reads among them (ADR 0088).
function usageOf(usage: ResponsesUsage): TokenUsage {
  const cached = usage.input_tokens_details?.cache_read_input_tokens ?? 0;
  return {
    inputTokens: usage.input_tokens - cached,
    outputTokens: usage.output_tokens,
    cachedInputTokens: cached,
  };
}

/**
 * The response has a status but no finish reason: a completed answer that used the whole output
 * budget was cut by it, as a finish reason "length" says elsewhere.
 */
function finishReason(response: AgentResponse, request: ProviderRequest): FinishReason {
  if (response.status !== 'completed') return 'other';
  return (response.usage?.output_tokens ?? 0) >= request.maxTokens ? 'length' : 'stop';
}

function paramsOf(request: ProviderRequest) {
  return {
    model: agentModel(request.model),
    ...(request.system ? { instructions: request.system } : {}),
    input: request.messages.map((m) => ({ type: 'message' as const, role: m.role, content: m.content })),
    max_output_tokens: request.maxTokens,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.responseFormat
      ? {
          response_format: {
            type: 'json_schema' as const,
            json_schema: {
              name: request.responseFormat.name,
              schema: request.responseFormat.schema,
              strict: true,
            },
          },
        }
      : {}),
  };
}

function toProviderError(error: unknown, signal: AbortSignal): ProviderError {
  const common = commonFailure(error, signal);
  if (common) return common;
  if (error instanceof APIError && error.status !== undefined) {
    return new ProviderError(failureForStatus(error.status), `Provider answered ${error.status}.`, {
      status: error.status,
      retryAfterSeconds: retryAfterSeconds(error.headers),
      cause: error,
    });
  }
  return new ProviderError('failed', 'The provider call failed.', { cause: error });
}

/** A `response.failed` event or a failed final response: the provider gave up mid-way. */
function failedResponse(error: ErrorInfo | undefined): ProviderError {
  const overloaded = error?.code === 'rate_limit_exceeded' || error?.type === 'rate_limit_error';
  return new ProviderError(overloaded ? 'rate_limited' : 'failed', 'The provider failed mid-way.', {
    cause: error,
  });
}

export function createPerplexityClient(options: ProviderClientOptions): ProviderClient {
  const client = new Perplexity({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });

  return {
    provider: 'perplexity',

    async complete(request, signal): Promise<ProviderCompletion> {
      let response: AgentResponse;
      try {
        response = await client.responses.create({ ...paramsOf(request), stream: false }, { signal });
      } catch (error) {
        throw toProviderError(error, signal);
      }
      if (response.status === 'failed') throw failedResponse(response.error);
      return {
        content: response.output_text,
        finishReason: finishReason(response, request),
        usage: response.usage ? usageOf(response.usage) : undefined,
      };
    },

    async *stream(request, signal): AsyncGenerator<ProviderEvent> {
      let final: AgentResponse | undefined;
      try {
        const stream = await client.responses.create({ ...paramsOf(request), stream: true }, { signal });
        for await (const event of stream) {
          if (event.type === 'response.output_text.delta' && event.delta)
            yield { type: 'delta', text: event.delta };
          else if (event.type === 'response.failed') throw failedResponse(event.error);
          else if (event.type === 'response.completed' && event.response)
            final = { ...event.response, output_text: '' };
        }
      } catch (error) {
        throw toProviderError(error, signal);
      }
      // SDKs end a stream quietly when it is aborted.
      if (signal.aborted) throw new ProviderError('aborted', 'The provider call was aborted.');
      // A stream that ends without its completed response was cut short, not finished.
      if (!final) throw new ProviderError('failed', 'The provider stream ended before it finished.');
      if (final.usage) yield { type: 'usage', usage: usageOf(final.usage) };
      yield { type: 'finish', reason: finishReason(final, request) };
    },
  };
}
