/**
 * Gemini through the official `@google/genai` SDK. Every streamed chunk carries `usageMetadata`
 * so far; the last one holds the final counts.
 */
import { ApiError, GoogleGenAI, type Content, type GenerateContentResponse } from '@google/genai';
import { commonFailure, failureForStatus, ProviderError } from '../provider-error';
import type {
  FinishReason,
  ProviderClient,
  ProviderClientOptions,
  ProviderEvent,
  ProviderRequest,
  TokenUsage,
} from '../types';

function finishReason(reason: string | undefined): FinishReason {
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (
    reason &&
    ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY'].includes(reason)
  ) {
    return 'content_filter';
  }
  return 'other';
}

// promptTokenCount includes cached tokens; thinking tokens are billed as output.
function usageOf(response: GenerateContentResponse): TokenUsage | undefined {
  const meta = response.usageMetadata;
  if (!meta || meta.promptTokenCount === undefined) return undefined;
  const cached = meta.cachedContentTokenCount ?? 0;
  return {
    inputTokens: meta.promptTokenCount - cached,
    outputTokens: (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0),
    cachedInputTokens: cached,
  };
}

// Reads the text parts directly: the SDK's `.text` getter warns on responses without text.
function textOf(response: GenerateContentResponse): string {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts.map((part) => (part.thought ? '' : (part.text ?? ''))).join('');
}

function toProviderError(error: unknown, signal: AbortSignal): ProviderError {
  const common = commonFailure(error, signal);
  if (common) return common;
  // The SDK enforces its timeout by aborting its own signal: an abort that is not ours is a timeout.
  if (error instanceof Error && error.name === 'AbortError') {
    return new ProviderError('timeout', 'The provider did not answer in time.', { cause: error });
  }
  if (error instanceof ApiError) {
    return new ProviderError(failureForStatus(error.status), `Provider answered ${error.status}.`, {
      status: error.status,
      cause: error,
    });
  }
  return new ProviderError('failed', 'The provider call failed.', { cause: error });
}

function paramsOf(request: ProviderRequest, signal: AbortSignal) {
  const contents: Content[] = request.messages.map((m) => ({
    role: m.role === 'assistant' ? 'model' : 'user',
    parts: [{ text: m.content }],
  }));
  return {
    model: request.model,
    contents,
    config: {
      abortSignal: signal,
      maxOutputTokens: request.maxTokens,
      ...(request.system ? { systemInstruction: request.system } : {}),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.responseFormat
        ? { responseMimeType: 'application/json', responseJsonSchema: request.responseFormat.schema }
        : {}),
    },
  };
}

export function createGoogleClient(options: ProviderClientOptions): ProviderClient {
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    httpOptions: {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      timeout: options.timeoutMs,
      ...(options.maxRetries > 0 ? { retryOptions: { attempts: options.maxRetries + 1 } } : {}),
    },
  });

  return {
    provider: 'google',

    async complete(request, signal) {
      try {
        const response = await client.models.generateContent(paramsOf(request, signal));
        return {
          content: textOf(response),
          finishReason: finishReason(response.candidates?.[0]?.finishReason),
          usage: usageOf(response),
        };
      } catch (error) {
        throw toProviderError(error, signal);
      }
    },

    async *stream(request, signal): AsyncGenerator<ProviderEvent> {
      let usage: TokenUsage | undefined;
      let reason: FinishReason | undefined;
      try {
        const stream = await client.models.generateContentStream(paramsOf(request, signal));
        for await (const chunk of stream) {
          const text = textOf(chunk);
          if (text) yield { type: 'delta', text };
          usage = usageOf(chunk) ?? usage;
          const finish = chunk.candidates?.[0]?.finishReason;
          if (finish) reason = finishReason(finish);
        }
      } catch (error) {
        throw toProviderError(error, signal);
      }
      // SDKs end a stream quietly when it is aborted.
      if (signal.aborted) throw new ProviderError('aborted', 'The provider call was aborted.');
      if (!reason) throw new ProviderError('failed', 'The provider stream ended before it finished.');
      if (usage) yield { type: 'usage', usage };
      yield { type: 'finish', reason };
    },
  };
}
