/** OpenAI Chat Completions (`POST /v1/chat/completions`), JSON and SSE chunks. */
import {
  MalformedRequest,
  isRecord,
  optionalPositiveInt,
  outputTokens,
  sseFrame,
  textOf,
  type Completion,
  type StandInRequest,
  type WireFormat,
} from './format';

const errorTypes: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['invalid_request_error', 'unsupported_country_region_territory'],
  404: ['invalid_request_error', 'model_not_found'],
  429: ['requests', 'rate_limit_exceeded'],
  500: ['server_error', null],
  503: ['server_error', 'service_unavailable'],
};

function usage(c: Completion) {
  return {
    prompt_tokens: c.promptTokens,
    completion_tokens: outputTokens(c),
    total_tokens: c.promptTokens + outputTokens(c),
    prompt_tokens_details: { cached_tokens: c.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatFormat(): WireFormat {
  const chunk = (c: Completion, choices: unknown[], extra: Record<string, unknown> = {}) => ({
    id: c.id,
    object: 'chat.completion.chunk',
    created: c.created,
    model: c.model,
    system_fingerprint: 'fp_stand_in',
    choices,
    ...extra,
  });

  return {
    provider: 'openai',
    authorized: (headers) => /^Bearer \S+/.test(headers.get('authorization') ?? ''),

    parse(body): StandInRequest {
      if (!isRecord(body)) throw new MalformedRequest('request body must be a JSON object');
      if (typeof body.model !== 'string' || body.model === '')
        throw new MalformedRequest("'model' is required");
      if (!Array.isArray(body.messages) || body.messages.length === 0) {
        throw new MalformedRequest("'messages' must be a non-empty array");
      }
      let system: string | undefined;
      const messages: string[] = [];
      for (const message of body.messages) {
        if (!isRecord(message) || typeof message.role !== 'string')
          throw new MalformedRequest('each message needs a role');
        if (message.role === 'system' || message.role === 'developer')
          system = (system ?? '') + textOf(message.content);
        else if (message.role === 'user' || message.role === 'assistant')
          messages.push(textOf(message.content));
        else throw new MalformedRequest(`unsupported role '${message.role}'`);
      }
      const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
      const format = isRecord(body.response_format) ? body.response_format : undefined;
      const jsonSchema = format && isRecord(format.json_schema) ? format.json_schema : undefined;
      const structured =
        format?.type === 'json_schema' && jsonSchema && isRecord(jsonSchema.schema)
          ? { schema: jsonSchema.schema }
          : format?.type === 'json_object'
            ? {}
            : undefined;
      return {
        model: body.model,
        stream: body.stream === true,
        includeUsage: streamOptions.include_usage === true,
        maxTokens:
          optionalPositiveInt(body.max_completion_tokens, 'max_completion_tokens') ??
          optionalPositiveInt(body.max_tokens, 'max_tokens'),
        system,
        messages,
        ...(structured ? { structured } : {}),
      };
    },

    json: (c) => ({
      id: c.id,
      object: 'chat.completion',
      created: c.created,
      model: c.model,
      system_fingerprint: 'fp_stand_in',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: c.tokens.join(''), refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: c.finishReason,
        },
      ],
      usage: usage(c),
    }),

    streamStart: (c) => [
      sseFrame(
        chunk(c, [
          { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
        ]),
      ),
    ],
    streamToken: (c, token) => [
      sseFrame(chunk(c, [{ index: 0, delta: { content: token }, logprobs: null, finish_reason: null }])),
    ],
    streamEnd(c, withUsage) {
      const last = { index: 0, delta: {}, logprobs: null, finish_reason: c.finishReason };
      const frames = [sseFrame(chunk(c, [last], { usage: null }))];
      if (withUsage) frames.push(sseFrame(chunk(c, [], { usage: usage(c) })));
      frames.push(sseFrame('[DONE]'));
      return frames;
    },
    streamError: (status, message) => [sseFrame(errorReply(status, message).body)],
    error: errorReply,
  };

  function errorReply(status: number, message: string) {
    const [type, code] =
      errorTypes[status] ?? (status >= 500 ? ['server_error', null] : ['invalid_request_error', null]);
    const headers: Record<string, string> = {};
    if (status === 429) {
      headers['retry-after'] = '1';
      headers['retry-after-ms'] = '1000';
      headers['x-ratelimit-limit-requests'] = '500';
      headers['x-ratelimit-remaining-requests'] = '0';
      headers['x-ratelimit-reset-requests'] = '1s';
    }
    return { body: { error: { message, type, param: null, code } }, headers };
  }
}

export const openaiFormat = chatFormat();
