/** Anthropic Messages API (`POST /v1/messages`), JSON and its SSE event sequence. */
import {
  MalformedRequest,
  isRecord,
  optionalPositiveInt,
  outputTokens,
  sseFrame,
  textOf,
  type Completion,
  type ErrorReply,
  type WireFormat,
} from './format';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const stopReason = (c: Completion) =>
  c.finishReason === 'length' ? 'max_tokens' : c.toolName ? 'tool_use' : 'end_turn';

const toolUseId = (c: Completion) => `toolu_${c.id.slice(4)}`;

/** A tool call's input must be an object; a malformed answer (cut JSON) becomes an empty one. */
function toolInput(c: Completion): unknown {
  try {
    return JSON.parse(c.tokens.join(''));
  } catch {
    return {};
  }
}

// Anthropic's input_tokens excludes cache reads, which are reported on their own.
const usage = (c: Completion, output: number) => ({
  input_tokens: c.promptTokens - c.cachedTokens,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: c.cachedTokens,
  output_tokens: output,
  service_tier: 'standard',
});

function error(status: number, message: string): ErrorReply {
  const type = errorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  const headers: Record<string, string> = { 'request-id': `req_stand_in_${status}` };
  if (status === 429) {
    headers['retry-after'] = '1';
    headers['anthropic-ratelimit-requests-limit'] = '50';
    headers['anthropic-ratelimit-requests-remaining'] = '0';
    headers['anthropic-ratelimit-requests-reset'] = new Date(Date.now() + 1000).toISOString();
  }
  return { body: { type: 'error', error: { type, message } }, headers };
}

/**
 * What Anthropic's model pages say Claude 5.x refuses with a 400: sampling parameters set to
 * non-default values (Sonnet 5 overview), and forced tool use from Claude Sonnet 5.5 on (Sonnet
 * 5.5 overview). The stand-in's own reading of those pages, independent of the gateway's table.
 */
function refuseWhatClaude5Refuses(model: string, body: Record<string, unknown>, choice: unknown) {
  if (!/^claude-[a-z]+-5/.test(model)) return;
  const defaults: Record<string, number | undefined> = { temperature: 1, top_p: undefined, top_k: undefined };
  for (const [name, fallback] of Object.entries(defaults)) {
    if (body[name] !== undefined && body[name] !== fallback)
      throw new MalformedRequest(`${name}: setting a non-default value is not supported for ${model}.`);
  }
  const forced = isRecord(choice) && (choice.type === 'tool' || choice.type === 'any');
  if (forced && /^claude-[a-z]+-5-[5-9]/.test(model))
    throw new MalformedRequest(`tool_choice: forced tool use is not supported for ${model}.`);
}

export const anthropicFormat: WireFormat = {
  provider: 'anthropic',
  // Older SDKs send the key as x-api-key, current ones as a bearer token.
  authorized: (headers) =>
    (headers.get('x-api-key') ?? '') !== '' || /^Bearer \S+/.test(headers.get('authorization') ?? ''),

  parse(body) {
    if (!isRecord(body)) throw new MalformedRequest('request body must be a JSON object');
    if (typeof body.model !== 'string' || body.model === '')
      throw new MalformedRequest('model: Field required');
    const maxTokens = optionalPositiveInt(body.max_tokens, 'max_tokens');
    if (maxTokens === undefined) throw new MalformedRequest('max_tokens: Field required');
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      throw new MalformedRequest('messages: at least one message is required');
    }
    const messages = body.messages.map((message: unknown) => {
      if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
        throw new MalformedRequest("messages: roles must be 'user' or 'assistant'");
      }
      return textOf(message.content);
    });
    // Structured output is a forced tool call: tool_choice names the tool whose input_schema applies.
    const choice = isRecord(body.tool_choice) ? body.tool_choice : undefined;
    const tool =
      choice?.type === 'tool' && Array.isArray(body.tools)
        ? (body.tools as unknown[]).find((t) => isRecord(t) && t.name === choice.name)
        : undefined;
    refuseWhatClaude5Refuses(body.model, body, choice);
    // Or the JSON-schema output format: the answer's text is the JSON document.
    const outputConfig = isRecord(body.output_config) ? body.output_config : undefined;
    const format = isRecord(outputConfig?.format) ? outputConfig.format : undefined;
    const structured =
      isRecord(tool) && typeof tool.name === 'string'
        ? { tool: tool.name, ...(isRecord(tool.input_schema) ? { schema: tool.input_schema } : {}) }
        : format?.type === 'json_schema' && isRecord(format.schema)
          ? { schema: format.schema }
          : undefined;
    return {
      model: body.model,
      stream: body.stream === true,
      includeUsage: true,
      maxTokens,
      system: body.system === undefined ? undefined : textOf(body.system),
      messages,
      ...(structured ? { structured } : {}),
    };
  },

  json: (c) => ({
    id: c.id,
    type: 'message',
    role: 'assistant',
    model: c.model,
    content: c.toolName
      ? [{ type: 'tool_use', id: toolUseId(c), name: c.toolName, input: toolInput(c) }]
      : [{ type: 'text', text: c.tokens.join('') }],
    stop_reason: stopReason(c),
    stop_sequence: null,
    usage: usage(c, outputTokens(c)),
  }),

  streamStart: (c) => [
    sseFrame(
      {
        type: 'message_start',
        message: {
          id: c.id,
          type: 'message',
          role: 'assistant',
          model: c.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: usage(c, 1),
        },
      },
      'message_start',
    ),
    sseFrame(
      {
        type: 'content_block_start',
        index: 0,
        content_block: c.toolName
          ? { type: 'tool_use', id: toolUseId(c), name: c.toolName, input: {} }
          : { type: 'text', text: '' },
      },
      'content_block_start',
    ),
    sseFrame({ type: 'ping' }, 'ping'),
  ],
  streamToken: (c, token) => [
    sseFrame(
      {
        type: 'content_block_delta',
        index: 0,
        delta: c.toolName
          ? { type: 'input_json_delta', partial_json: token }
          : { type: 'text_delta', text: token },
      },
      'content_block_delta',
    ),
  ],
  streamEnd: (c) => [
    sseFrame({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
    sseFrame(
      {
        type: 'message_delta',
        delta: { stop_reason: stopReason(c), stop_sequence: null },
        // Cumulative output tokens; Anthropic always reports them, there is no opt-in.
        usage: { output_tokens: outputTokens(c) },
      },
      'message_delta',
    ),
    sseFrame({ type: 'message_stop' }, 'message_stop'),
  ],
  streamError: (status, message) => [sseFrame(error(status, message).body, 'error')],
  error,
};
