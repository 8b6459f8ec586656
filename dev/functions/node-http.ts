/**
 * Node's http objects ⇄ the web `Request`/`Response` a Netlify function speaks. The request's
 * signal aborts when the client goes away (as on Netlify), and a streamed body is written chunk
 * by chunk as the function produces it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export function toWebRequest(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  extraHeaders: Record<string, string>,
): Request {
  const controller = new AbortController();
  // 'close' on the response fires when it has been sent or when the client hung up; only the
  // second is an abort.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    signal: controller.signal,
    // @ts-expect-error -- Node's fetch needs `duplex` for a streamed request body; not in the DOM types.
    duplex: 'half',
  });
}

/** Writes `response`; `extra` headers are added where the function did not set them. */
export async function writeWebResponse(
  response: Response,
  res: ServerResponse,
  extra: { headers: Record<string, string>; setCookies: string[] },
) {
  const headers: Record<string, string | string[]> = { ...extra.headers };
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = [...response.headers.getSetCookie(), ...extra.setCookies];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.once('close', () => {
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Backpressure: wait for the socket to drain before reading more from the function.
      if (!res.write(value)) {
        await new Promise((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
    }
    res.end();
  } catch {
    res.destroy();
  }
}
