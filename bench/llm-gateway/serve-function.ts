/**
 * Serves a Netlify function's default export over HTTP, as `netlify dev` would: one Request per
 * incoming request, the Response streamed back, the body cancelled when the client leaves.
 */
import http from 'node:http';
import type { Context } from '@netlify/functions';

type NetlifyFunction = (req: Request, context: Context) => Promise<Response>;

export interface ServedFunction {
  url: string;
  stop(): Promise<void>;
}

export async function serveFunction(
  handler: NetlifyFunction,
  params: (url: URL) => Record<string, string>,
  port: number,
): Promise<ServedFunction> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const request = new Request(url, {
      method: req.method,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const pending: Promise<unknown>[] = [];
    const context = {
      ip: '127.0.0.1',
      params: params(url),
      requestId: '',
      deploy: { context: 'dev', id: 'bench', published: false },
      waitUntil: (promise: Promise<unknown>) => pending.push(promise),
    } as unknown as Context;

    const response = await handler(request, context);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return res.end();
    const reader = response.body.getReader();
    res.on('close', () => void reader.cancel().catch(() => undefined));
    for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
    res.end();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
