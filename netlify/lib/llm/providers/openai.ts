/**
 * OpenAI Chat Completions through the official `openai` SDK. Usage reaches a stream only when
 * asked for (`stream_options.include_usage`), on a last chunk without choices.
 */
import OpenAI, { APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
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
import { SseDecoder, type SseMessage } from './sse-decoder';

function finishReason(reason: string | null | undefined): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  if (reason === 'content_filter') return 'content_filter';
  return 'other';
}

// prompt_tokens includes the cached ones; they are billed at the cached rate instead.
function usageOf(usage: CompletionUsage): TokenUsage {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: usage.prompt_tokens - cached,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: cached,
  };
}

function messagesOf(request: ProviderRequest): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = request.system
    ? [{ role: 'system', content: request.system }]
    : [];
  for (const message of request.messages) messages.push({ role: message.role, content: message.content });
  return messages;
}

/** One chunk of the stream, as the SDK parsed it: an error event fails the call. */
function streamChunk(message: SseMessage): Partial<ChatCompletionChunk> {
  let data: (Partial<ChatCompletionChunk> & { error?: unknown }) | null;
  try {
    data = JSON.parse(message.data) as typeof data;
  } catch (error) {
    throw new ProviderError('failed', 'The provider streamed malformed JSON.', { cause: error });
  }
  if (message.event === 'error' || data?.error)
    throw new ProviderError('failed', 'The provider reported an error mid-stream.', { cause: data });
  return data ?? {};
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
  // A connection error, a mid-stream error event, or a cut stream.
  return new ProviderError('failed', 'The provider call failed.', { cause: error });
}

export function createOpenAiClient(options: ProviderClientOptions): ProviderClient {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });
  const base = (request: ProviderRequest) => ({
    model: request.model,
    messages: messagesOf(request),
    max_completion_tokens: request.maxTokens,
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
  });

  return {
    provider: 'openai',

    async complete(request, signal): Promise<ProviderCompletion> {
      try {
        const response = await client.chat.completions.create(
          { ...base(request), stream: false },
          { signal },
        );
        const choice = response.choices[0];
        return {
          content: choice?.message.content ?? '',
          finishReason: finishReason(choice?.finish_reason),
          usage: response.usage ? usageOf(response.usage) : undefined,
        };
      } catch (error) {
        throw toProviderError(error, signal);
      }
    },

    async *stream(request, signal): AsyncGenerator<ProviderEvent> {
      let usage: TokenUsage | undefined;
      let reason: FinishReason | undefined;
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
      let ended = false;
      try {
        // The SDK makes the request (its headers, timeout to the response, retries, a typed error
        // for a non-2xx); the body is read here, one decoding pass per network read, instead of
        // through the SDK's stack of async iterators per event (ADR 0091).
        const response = await client.chat.completions
          .create({ ...base(request), stream: true, stream_options: { include_usage: true } }, { signal })
          .asResponse();
        if (!response.body)
          throw new ProviderError('failed', 'The provider answered a stream without a body.');
        reader = response.body.getReader();
        const decoder = new SseDecoder();
        const events: ProviderEvent[] = [];
        // Adds the events of `messages`; true once the stream's `[DONE]` was read. An error event
        // fails the call only after the text before it in the same read has been relayed (it is
        // output the model produced, and billed).
        let failure: unknown;
        const take = (messages: SseMessage[]) => {
          for (const message of messages) {
            if (message.data === '[DONE]') return true;
            let chunk: Partial<ChatCompletionChunk>;
            try {
              chunk = streamChunk(message);
            } catch (error) {
              failure = error;
              return true;
            }
            const choice = chunk.choices?.[0];
            const text = choice?.delta?.content;
            if (text) events.push({ type: 'delta', text });
            if (choice?.finish_reason) reason = finishReason(choice.finish_reason);
            if (chunk.usage) usage = usageOf(chunk.usage);
          }
          return false;
        };
        for (let finished = false; !finished;) {
          const read = await reader.read();
          if (read.done) ended = true;
          finished = take(read.done ? decoder.end() : decoder.push(read.value)) || read.done;
          for (const event of events) yield event;
          events.length = 0;
        }
        if (failure) throw failure;
      } catch (error) {
        throw toProviderError(error, signal);
      } finally {
        // After [DONE], a failure or a consumer that stopped: the body is not read further.
        if (reader && !ended) reader.cancel().catch(() => undefined);
      }
      if (signal.aborted) throw new ProviderError('aborted', 'The provider call was aborted.');
      // A stream that ends without a finish reason was cut short, not finished.
      if (!reason) throw new ProviderError('failed', 'The provider stream ended before it finished.');
      if (usage) yield { type: 'usage', usage };
      yield { type: 'finish', reason };
    },
  };
}
