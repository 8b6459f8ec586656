/**
 * Reads a request body with a hard size limit. Content-Length is checked first (cheap refusal), but
 * it can be absent (chunked) or wrong, so the streamed bytes are counted too and reading stops as
 * soon as the limit is passed: an attacker cannot make a function buffer more than the limit.
 */
import { ApiError } from './api-error';

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  new ApiError('PAYLOAD_TOO_LARGE', `Request body must be at most ${Math.floor(limit / 1024)} KB.`);

async function readLimitedBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array();

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The media type without parameters: `application/json; charset=utf-8` → `application/json`. */
function mediaType(contentType: string | null): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

function assertContentType(req: Request, allowed: readonly string[]): void {
  const type = mediaType(req.headers.get('content-type'));
  if (type === undefined || !allowed.includes(type)) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${allowed.join(' or ')}.`, {
      headers: { 'accept-post': allowed.join(', ') },
    });
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ApiError('VALIDATION_FAILED', 'Request body is not valid UTF-8.');
  }
}

export interface BodyOptions {
  /** Whether the function takes a body at all (a body schema or rawBody). */
  readsBody: boolean;
  allowedContentTypes: readonly string[];
  maxBytes: number;
}

// Bodies of these are ignored (fetch refuses to send one with GET or HEAD).
const bodylessMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The pipeline's size and content-type stage: the body as text, or undefined when there is none.
 * A function that takes no body still refuses an announced oversize one rather than accept it.
 */
export async function readRequestBody(req: Request, options: BodyOptions): Promise<string | undefined> {
  if (!options.readsBody || bodylessMethods.has(req.method)) {
    if (Number(req.headers.get('content-length') ?? 0) > options.maxBytes) throw tooLarge(options.maxBytes);
    return undefined;
  }
  const bytes = await readLimitedBody(req, options.maxBytes);
  if (bytes.byteLength === 0) return undefined;
  assertContentType(req, options.allowedContentTypes);
  return decodeUtf8(bytes);
}
