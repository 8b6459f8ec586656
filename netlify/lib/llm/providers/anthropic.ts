/**
 * Anthropic Messages through the official `@anthropic-ai/sdk`. Usage arrives in two halves in a
 * stream: the input side on `message_start`, the cumulative output on `message_delta`.
 */
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { capabilitiesOf } from '../../../../src/shared/model-capabilities';
import { commonFailure, failureForStatus, ProviderError, retryAfterSeconds } from '../provider-error';
import type {
  FinishReason,
  ProviderClient,
  ProviderClientOptions,
  ProviderEvent,
  ProviderRequest,
  TokenUsage,
} from '../types';

function finishReason(reason: string | null | undefined): FinishReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens') return 'length';
  if (reason === 'refusal') return 'content_filter';
  return 'other';
}

interface InputUsage {
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

// Cache writes are charged as input; cache reads at the cached rate.
const inputOf = (usage: InputUsage) => ({
  inputTokens: (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0),
  cachedInputTokens: usage.cache_read_input_tokens ?? 0,
});

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
  if (error instanceof APIError && error.type === 'overloaded_error') {
    return new ProviderError('rate_limited', 'The provider is overloaded.', { cause: error });
  }
  return new ProviderError('failed', 'The provider call failed.', { cause: error });
}

function paramsOf(request: ProviderRequest) {
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    ...(request.system ? { system: request.system } : {}),
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...structuredOutput(request),
  };
}

/**
 * Structured output as a forced tool call, whose input is the JSON answer; for a model that
 * refuses a forced tool (Claude 5.x, ADR 0087), as the JSON-schema output format, whose text is.
 */
function structuredOutput(request: ProviderRequest) {
  if (!request.responseFormat) return {};
  if (!capabilitiesOf('anthropic', request.model).forcedToolChoice)
    return {
      output_config: { format: { type: 'json_schema' as const, schema: request.responseFormat.schema } },
    };
  return {
    tools: [
      {
        name: request.responseFormat.name,
        description: 'Answer with this structure.',
        input_schema: { type: 'object' as const, ...request.responseFormat.schema },
      },
    ],
    tool_choice: { type: 'tool' as const, name: request.responseFormat.name },
  };
}

export function createAnthropicClient(options: ProviderClientOptions): ProviderClient {
  const client = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
  });

  return {
    provider: 'anthropic',

    async complete(request, signal) {
      try {
        const message = await client.messages.create({ ...paramsOf(request), stream: false }, { signal });
        const content = message.content
          .map((block) =>
            block.type === 'text' ? block.text : block.type === 'tool_use' ? JSON.stringify(block.input) : '',
          )
          .join('');
        return {
          content,
          finishReason: finishReason(message.stop_reason),
          usage: { ...inputOf(message.usage), outputTokens: message.usage.output_tokens },
        };
      } catch (error) {
        throw toProviderError(error, signal);
      }
    },

    async *stream(request, signal): AsyncGenerator<ProviderEvent> {
      let input: Pick<TokenUsage, 'inputTokens' | 'cachedInputTokens'> | undefined;
      let outputTokens: number | undefined;
      let reason: FinishReason | undefined;
      let stopped = false;
      try {
        const stream = await client.messages.create({ ...paramsOf(request), stream: true }, { signal });
        for await (const event of stream) {
          switch (event.type) {
            case 'message_start':
              input = inputOf(event.message.usage);
              break;
            case 'content_block_delta':
              if (event.delta.type === 'text_delta' && event.delta.text)
                yield { type: 'delta', text: event.delta.text };
              else if (event.delta.type === 'input_json_delta' && event.delta.partial_json)
                yield { type: 'delta', text: event.delta.partial_json };
              break;
            case 'message_delta':
              // Input counts may be restated here (server tools); the latest figures win.
              if (event.usage.input_tokens !== null && event.usage.input_tokens !== undefined)
                input = inputOf(event.usage);
              outputTokens = event.usage.output_tokens;
              reason = finishReason(event.delta.stop_reason);
              break;
            case 'message_stop':
              stopped = true;
              break;
            default:
              break;
          }
        }
      } catch (error) {
        throw toProviderError(error, signal);
      }
      // SDKs end a stream quietly when it is aborted.
      if (signal.aborted) throw new ProviderError('aborted', 'The provider call was aborted.');
      if (!stopped || !reason)
        throw new ProviderError('failed', 'The provider stream ended before it finished.');
      if (input && outputTokens !== undefined) yield { type: 'usage', usage: { ...input, outputTokens } };
      yield { type: 'finish', reason };
    },
  };
}
