/**
 * Serves `netlify/functions/` inside the dev process, as Netlify runs them in production:
 * - routing by `config.path` (method, excluded paths, params) before redirects and static files,
 *   and `/.netlify/functions/<name>` for functions without a path;
 * - a synchronous function's response (streamed as produced) with `x-nf-request-id`, cut after
 *   Netlify's synchronous limit;
 * - a `-background` function answered 202 at once, its body running on after the response;
 * - functions with `config.schedule` fired on their cron (UTC) with Netlify's scheduled request.
 * Modules are loaded through `loadModule` (Vite's SSR loader), so an edited file is picked up on
 * the next request. Why in-process rather than the Netlify plugin's runner: ADR 0023.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SYNCHRONOUS_FUNCTION_TIMEOUT } from '@netlify/functions';
import type { Context } from '@netlify/functions';
import { Cron } from 'croner';
import { buildContext } from './context.ts';
import { toWebRequest, writeWebResponse } from './node-http.ts';
import { listDevFunctions, matchFunction, type DevFunction } from './registry.ts';

type Handler = (request: Request, context: Context) => Promise<Response | undefined> | Response | undefined;

export interface DevFunctionsOptions {
  directory: string;
  /** Imports a function's module (fresh after its files change). */
  loadModule: (file: string) => Promise<Record<string, unknown>>;
  log: (line: string) => void;
  /** Seconds before a synchronous function's response is cut (Netlify: 30 locally). */
  syncTimeoutSeconds?: number;
}

export interface DevFunctionsServer {
  /** Answers the request if a function is routed there; false lets it fall through. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The function list is read again on the next request (a file under the directory changed). */
  invalidate(): void;
  /** Invokes a function as Netlify's scheduler does; resolves with its response status. */
  runScheduled(name: string, siteUrl: string, nextRun?: Date): Promise<number>;
  /** Starts firing scheduled functions on their cron against `siteUrl`. */
  startSchedules(siteUrl: string): Promise<void>;
  /** The scheduled functions being fired, with their next run. */
  schedules(): Promise<Array<{ name: string; nextRun: Date | null }>>;
  /** Settles when every background body and scheduled run started so far has ended. */
  idle(): Promise<void>;
  stop(): void;
}

export function createDevFunctionsServer(options: DevFunctionsOptions): DevFunctionsServer {
  const { log } = options;
  const syncTimeoutMs = (options.syncTimeoutSeconds ?? SYNCHRONOUS_FUNCTION_TIMEOUT) * 1000;
  let listing: Promise<DevFunction[]> | undefined;
  const functions = () => (listing ??= listDevFunctions(options.directory));
  const running = new Set<Promise<unknown>>();
  let crons: Array<{ name: string; cron: Cron }> = [];
  let scheduleSiteUrl: string | undefined;

  const track = (work: Promise<unknown>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const loadHandler = async (func: DevFunction): Promise<Handler> => {
    const module = await options.loadModule(func.mainFile);
    if (typeof module.default !== 'function') {
      throw new Error(`${func.name}: the default export is not a function`);
    }
    return module.default as Handler;
  };

  /** Runs a handler as Netlify does: its response, or 204 when it returns nothing. */
  const invoke = async (func: DevFunction, request: Request, context: Context): Promise<Response> => {
    const handler = await loadHandler(func);
    return (await handler(request, context)) ?? new Response(null, { status: 204 });
  };

  const schedule = async (siteUrl: string) => {
    for (const { cron } of crons) cron.stop();
    crons = [];
    for (const func of await functions()) {
      if (!func.schedule) continue;
      const fire = (self: Cron): Promise<void> => {
        const work = runScheduled(func.name, siteUrl, self.nextRun() ?? undefined).then(
          () => {},
          (error: unknown) => log(`[functions] scheduled ${func.name} failed: ${String(error)}`),
        );
        track(work);
        return work;
      };
      // protect: a run still going when the next slot comes is not started twice.
      crons.push({
        name: func.name,
        cron: new Cron(func.schedule, { timezone: 'Etc/UTC', protect: true }, fire),
      });
    }
  };

  const runScheduled = async (name: string, siteUrl: string, nextRun?: Date) => {
    const func = (await functions()).find((candidate) => candidate.name === name && candidate.schedule);
    if (!func) throw new Error(`no scheduled function named ${name}`);
    const requestId = randomUUID();
    // Netlify's scheduler: a POST with the next run time, from "Netlify Clockwork".
    const request = new Request(new URL(`/.netlify/functions/${name}`, siteUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Netlify Clockwork',
        'x-nf-event': 'schedule',
        'x-nf-request-id': requestId,
      },
      body: JSON.stringify({ next_run: (nextRun ?? new Date()).toISOString() }),
    });
    const context = buildContext({
      request,
      ip: '127.0.0.1',
      requestId,
      params: {},
      siteUrl,
      setCookies: [],
      log,
    });
    const response = await invoke(func, request, context);
    await response.body?.cancel();
    return response.status;
  };

  return {
    async handle(req, res) {
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      const url = new URL(req.url ?? '/', origin);
      const method = (req.method ?? 'GET').toUpperCase();
      const match = matchFunction(await functions(), url, method);
      if (match === undefined) return false;
      const requestId = randomUUID();
      if (match === null) {
        res.writeHead(404, { 'content-type': 'text/plain', 'x-nf-request-id': requestId });
        res.end('Function not found');
        return true;
      }
      const { func } = match;
      if (match.route?.prefer_static) return false;

      const request = toWebRequest(req, res, origin, { 'x-nf-request-id': requestId });
      const setCookies: string[] = [];
      const ip = normaliseIp(req.socket.remoteAddress);
      const context = buildContext({
        request,
        ip,
        requestId,
        params: match.params,
        siteUrl: origin,
        setCookies,
        log,
      });
      const extra = { headers: { 'x-nf-request-id': requestId }, setCookies };

      if (func.background) {
        // Netlify takes the whole request, answers 202 at once and runs the body on (up to
        // 15 min). The body is read first: Node discards an unread one once the response ends.
        const body = request.body ? await request.arrayBuffer() : null;
        const buffered = new Request(request.url, { method: request.method, headers: request.headers, body });
        res.writeHead(202, extra.headers);
        res.end();
        track(
          invoke(func, buffered, context)
            .then((response) => response.body?.cancel())
            .catch((error: unknown) => log(`[functions] background ${func.name} failed: ${describe(error)}`)),
        );
        return true;
      }

      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new FunctionTimeout(func.name, syncTimeoutMs)), syncTimeoutMs);
      });
      try {
        const response = await Promise.race([invoke(func, request, context), timedOut]);
        await Promise.race([writeWebResponse(response, res, extra), timedOut]);
      } catch (error) {
        log(`[functions] ${func.name} ${method} ${url.pathname} failed: ${describe(error)}`);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain', ...extra.headers });
          res.end(
            error instanceof FunctionTimeout ? error.message : `${func.name} failed: ${describe(error)}`,
          );
        } else {
          // Netlify ends a function at its limit; the client sees the connection close.
          res.destroy();
        }
      } finally {
        clearTimeout(timer);
      }
      return true;
    },
    invalidate() {
      listing = undefined;
      if (scheduleSiteUrl) void schedule(scheduleSiteUrl);
    },
    runScheduled,
    async startSchedules(siteUrl) {
      scheduleSiteUrl = siteUrl;
      await schedule(siteUrl);
    },
    async schedules() {
      return crons.map(({ name, cron }) => ({ name, nextRun: cron.nextRun() }));
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    stop() {
      scheduleSiteUrl = undefined;
      for (const { cron } of crons) cron.stop();
      crons = [];
    },
  };
}

class FunctionTimeout extends Error {
  constructor(name: string, ms: number) {
    super(`${name}: Task timed out after ${(ms / 1000).toFixed(2)} seconds`);
  }
}

function normaliseIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
