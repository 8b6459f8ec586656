/**
 * Gemini API: `POST /v1/models/{model}:generateContent` (or /v1beta/) and
 * `:streamGenerateContent?alt=sse`, each chunk a GenerateContentResponse with usageMetadata.
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
  type WireFormat,
} from './format';

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const finishReason = (c: Completion) => (c.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP');

// promptTokenCount includes the cached tokens, which are also reported on their own.
function usageMetadata(c: Completion, output: number) {
  return {
    promptTokenCount: c.promptTokens,
    candidatesTokenCount: output,
    totalTokenCount: c.promptTokens + output,
    ...(c.cachedTokens > 0 ? { cachedContentTokenCount: c.cachedTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: c.promptTokens }],
  };
}

function response(c: Completion, text: string, output: number, finished: boolean) {
  return {
    candidates: [
      {
        content: { role: 'model', parts: [{ text }] },
        ...(finished ? { finishReason: finishReason(c) } : {}),
        index: 0,
      },
    ],
    usageMetadata: usageMetadata(c, output),
    modelVersion: c.model,
    responseId: c.id,
  };
}

function error(status: number, message: string): ErrorReply {
  const body: Record<string, unknown> = { code: status, message, status: statusNames[status] ?? 'UNKNOWN' };
  if (status === 429) {
    body.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' }];
  }
  return { body: { error: body } };
}

export const googleFormat: WireFormat = {
  provider: 'google',
  authorized: (headers) => (headers.get('x-goog-api-key') ?? '') !== '',

  parse(body, pathModel, pathStream) {
    if (!pathModel) throw new MalformedRequest('model is required in the path');
    if (!isRecord(body)) throw new MalformedRequest('Invalid JSON payload received.');
    if (!Array.isArray(body.contents) || body.contents.length === 0) {
      throw new MalformedRequest('* GenerateContentRequest.contents: contents is not specified');
    }
    const messages = body.contents.map((content: unknown) => {
      if (
        !isRecord(content) ||
        (content.role !== undefined && content.role !== 'user' && content.role !== 'model')
      ) {
        throw new MalformedRequest('Please use a valid role: user, model.');
      }
      return textOf(content.parts);
    });
    const config = isRecord(body.generationConfig) ? body.generationConfig : {};
    const system = isRecord(body.systemInstruction) ? textOf(body.systemInstruction.parts) : undefined;
    const schema = isRecord(config.responseJsonSchema)
      ? config.responseJsonSchema
      : isRecord(config.responseSchema)
        ? config.responseSchema
        : undefined;
    const structured =
      config.responseMimeType === 'application/json' ? (schema ? { schema } : {}) : undefined;
    return {
      model: pathModel,
      stream: pathStream,
      includeUsage: true,
      maxTokens: optionalPositiveInt(config.maxOutputTokens, 'generationConfig.maxOutputTokens'),
      system,
      messages,
      ...(structured ? { structured } : {}),
    };
  },

  json: (c) => response(c, c.tokens.join(''), outputTokens(c), true),
  streamStart: () => [],
  // Every chunk carries the usage so far; the last one has the final counts.
  streamToken: (c, token, index) => [sseFrame(response(c, token, index + 1, index + 1 === c.tokens.length))],
  streamEnd: (c) => (c.tokens.length === 0 ? [sseFrame(response(c, '', 0, true))] : []),
  streamError: (status, message) => [sseFrame(error(status, message).body)],
  error,
};
