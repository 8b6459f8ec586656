/**
 * The `Context` a Netlify function (API v2) receives, built as Netlify's runtime builds it from the
 * request: `ip` from the connection (never from X-Forwarded-For), `params` from the matched
 * `config.path`, the request id, the deploy and site, cookies that end up as Set-Cookie headers,
 * and `waitUntil`, which keeps work running after the response (here: nothing is frozen, so the
 * promise simply runs on; its failure is logged).
 */
import type { Context } from '@netlify/functions';

export interface ContextInput {
  request: Request;
  ip: string;
  requestId: string;
  params: Record<string, string>;
  siteUrl: string;
  /** Collects Set-Cookie values for the response. */
  setCookies: string[];
  log: (line: string) => void;
}

const localSite = { id: 'local', name: 'local', url: '' };

export function buildContext(input: ContextInput): Context {
  const { request, setCookies } = input;
  const cookies = parseCookieHeader(request.headers.get('cookie'));
  const context = {
    account: { id: 'local' },
    cookies: {
      get: (name: string) => cookies.get(name),
      set: (options: string | { name: string; value: string; path?: string; maxAge?: number }) => {
        const cookie = typeof options === 'string' ? { name: options, value: '' } : options;
        const attributes = [`Path=${cookie.path ?? '/'}`];
        if (cookie.maxAge !== undefined) attributes.push(`Max-Age=${cookie.maxAge}`);
        setCookies.push([`${cookie.name}=${encodeURIComponent(cookie.value)}`, ...attributes].join('; '));
      },
      delete: (options: string | { name: string; path?: string }) => {
        const name = typeof options === 'string' ? options : options.name;
        const path = typeof options === 'string' ? '/' : (options.path ?? '/');
        setCookies.push(`${name}=; Path=${path}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`);
      },
    },
    deploy: { context: 'dev', id: '0', published: false },
    flags: { get: () => undefined },
    geo: { city: 'Local', country: { code: 'XX', name: 'Local' }, timezone: 'UTC' },
    ip: input.ip,
    json: (value: unknown) => Response.json(value),
    log: (...data: unknown[]) => console.log(...data),
    next: () => {
      throw new Error('context.next() is only available in edge functions');
    },
    params: input.params,
    requestId: input.requestId,
    rewrite: () => {
      throw new Error('context.rewrite() is only available in edge functions');
    },
    server: { region: 'local' },
    site: { ...localSite, url: input.siteUrl },
    url: new URL(request.url),
    waitUntil: (promise: Promise<unknown>) => {
      promise.catch((error: unknown) => input.log(`[functions] waitUntil promise failed: ${String(error)}`));
    },
  };
  return context as unknown as Context;
}

function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(';') ?? []) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return cookies;
}
