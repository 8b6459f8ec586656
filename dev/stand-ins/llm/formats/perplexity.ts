/**
 * Perplexity's Agent API (`POST /v1/responses`, also `POST /v1/agent`): the Responses format of
 * the official SDK's OpenAPI types. Sonar answers come with a `search_results` output item before
 * the message; usage (with its cost) is on the final response, in JSON and on the stream's
 * `response.completed`. The schema has no finish reason and no "incomplete" status: an answer cut
 * by `max_output_tokens` is a completed response that used the whole budget.
 */
import {
  MalformedRequest,
  isRecord,
  optionalPositiveInt,
  outputTokens,
  sseFrame,
  textOf,
  type Completion,
  type ErrorReply,
  type StandInRequest,
  type WireFormat,
} from './format';

const errorTypes: Record<number, [type: string, code: string]> = {
  400: ['invalid_request_error', 'invalid_request'],
  401: ['authentication_error', 'invalid_api_key'],
  403: ['permission_error', 'forbidden'],
  404: ['not_found_error', 'model_not_found'],
  429: ['rate_limit_error', 'rate_limit_exceeded'],
  500: ['server_error', 'internal_error'],
  503: ['server_error', 'service_unavailable'],
};

function errorInfo(status: number, message: string) {
  const [type, code] = errorTypes[status] ?? (status >= 500 ? errorTypes[500]! : errorTypes[400]!);
  return { code, message, type };
}

function error(status: number, message: string): ErrorReply {
  const headers: Record<string, string> = {};
  if (status === 429) headers['retry-after'] = '1';
  return { body: { error: errorInfo(status, message) }, headers };
}

// Rates of perplexity/sonar on the Agent API's models page (USD per 1M tokens), for `usage.cost`.
const rates = { input: 0.25, output: 2.5, cacheRead: 0.0625 };

function usage(c: Completion) {
  const output = outputTokens(c);
  const uncached = c.promptTokens - c.cachedTokens;
  const cost = {
    currency: 'USD',
    input_cost: (uncached * rates.input) / 1e6,
    cache_read_cost: (c.cachedTokens * rates.cacheRead) / 1e6,
    output_cost: (output * rates.output) / 1e6,
  };
  return {
    // Every prompt token; the cache reads among them are in the details.
    input_tokens: c.promptTokens,
    input_tokens_details: { cache_read_input_tokens: c.cachedTokens, cache_creation_input_tokens: 0 },
    output_tokens: output,
    total_tokens: c.promptTokens + output,
    cost: { ...cost, total_cost: cost.input_cost + cost.cache_read_cost + cost.output_cost },
  };
}

const messageId = (c: Completion) => `msg_${c.id}`;

function message(c: Completion, status: 'in_progress' | 'completed') {
  return {
    type: 'message',
    id: messageId(c),
    role: 'assistant',
    status,
    content:
      status === 'completed' ? [{ type: 'output_text', text: c.tokens.join(''), annotations: [] }] : [],
  };
}

const searchResults = { type: 'search_results', queries: ['stand-in query'], results: [] };

function response(c: Completion, status: 'in_progress' | 'completed') {
  return {
    id: c.id,
    object: 'response',
    created_at: c.created,
    model: c.model,
    status,
    output: status === 'completed' ? [searchResults, message(c, 'completed')] : [],
    ...(status === 'completed' ? { usage: usage(c) } : {}),
  };
}

/** Message text from a string or `input_text` parts. */
function inputText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return textOf(content.filter((part) => isRecord(part) && part.type === 'input_text'));
  throw new MalformedRequest('input[].content must be a string or an array of input_text parts');
}

function parse(body: unknown): StandInRequest {
  if (!isRecord(body)) throw new MalformedRequest('request body must be a JSON object');
  if ((typeof body.model !== 'string' || body.model === '') && typeof body.preset !== 'string')
    throw new MalformedRequest("one of 'model' or 'preset' is required");
  let system = typeof body.instructions === 'string' ? body.instructions : undefined;
  const messages: string[] = [];
  if (typeof body.input === 'string') messages.push(body.input);
  else if (Array.isArray(body.input) && body.input.length > 0) {
    for (const item of body.input) {
      if (!isRecord(item) || item.type !== 'message')
        throw new MalformedRequest("input items must be of type 'message'");
      if (item.role === 'system' || item.role === 'developer')
        system = (system ?? '') + inputText(item.content);
      else if (item.role === 'user' || item.role === 'assistant') messages.push(inputText(item.content));
      else throw new MalformedRequest(`unsupported role '${String(item.role)}'`);
    }
  } else throw new MalformedRequest("'input' must be a string or a non-empty array");
  const format = isRecord(body.response_format) ? body.response_format : undefined;
  const jsonSchema = format && isRecord(format.json_schema) ? format.json_schema : undefined;
  const structured =
    format?.type === 'json_schema'
      ? jsonSchema && isRecord(jsonSchema.schema)
        ? { schema: jsonSchema.schema }
        : {}
      : undefined;
  return {
    model: typeof body.model === 'string' ? body.model : `preset/${String(body.preset)}`,
    stream: body.stream === true,
    includeUsage: true,
    maxTokens: optionalPositiveInt(body.max_output_tokens, 'max_output_tokens'),
    system,
    messages,
    ...(structured ? { structured } : {}),
  };
}

// Sequence numbers: three events open the stream, one per token follows, three close it.
const opening = 3;

export const perplexityFormat: WireFormat = {
  provider: 'perplexity',
  authorized: (headers) => /^Bearer \S+/.test(headers.get('authorization') ?? ''),
  parse,
  json: (c) => response(c, 'completed'),
  streamStart: (c) => [
    sseFrame(
      { type: 'response.created', sequence_number: 0, response: response(c, 'in_progress') },
      'response.created',
    ),
    sseFrame(
      { type: 'response.in_progress', sequence_number: 1, response: response(c, 'in_progress') },
      'response.in_progress',
    ),
    sseFrame(
      {
        type: 'response.output_item.added',
        sequence_number: 2,
        output_index: 0,
        item: message(c, 'in_progress'),
      },
      'response.output_item.added',
    ),
  ],
  streamToken: (c, token, index) => [
    sseFrame(
      {
        type: 'response.output_text.delta',
        sequence_number: opening + index,
        item_id: messageId(c),
        output_index: 0,
        content_index: 0,
        delta: token,
      },
      'response.output_text.delta',
    ),
  ],
  streamEnd(c) {
    const next = opening + c.tokens.length;
    return [
      sseFrame(
        {
          type: 'response.output_text.done',
          sequence_number: next,
          item_id: messageId(c),
          output_index: 0,
          content_index: 0,
          text: c.tokens.join(''),
        },
        'response.output_text.done',
      ),
      sseFrame(
        {
          type: 'response.output_item.done',
          sequence_number: next + 1,
          output_index: 0,
          item: message(c, 'completed'),
        },
        'response.output_item.done',
      ),
      sseFrame(
        { type: 'response.completed', sequence_number: next + 2, response: response(c, 'completed') },
        'response.completed',
      ),
    ];
  },
  streamError: (status, message, index) => [
    sseFrame(
      { type: 'response.failed', sequence_number: opening + index, error: errorInfo(status, message) },
      'response.failed',
    ),
  ],
  error,
};
