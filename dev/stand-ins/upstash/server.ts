/**
 * An Upstash-REST-compatible front for a real Redis, so `@upstash/redis` and `@upstash/ratelimit`
 * run unmodified against it in tests and benchmarks. It speaks the subset of the REST protocol
 * the SDK uses:
 *
 *   POST /             body ["CMD", ...args]            → { result } | 400 { error }
 *   POST /pipeline     body [["CMD", ...], ...]         → [{ result } | { error }, ...]
 *   POST /multi-exec   body [["CMD", ...], ...]         → the same, executed as MULTI/EXEC
 *
 * with `Authorization: Bearer <token>` (401 otherwise) and `Upstash-Encoding: base64`, which
 * base64-encodes every string in a result except a plain "OK", as the SDK expects by default.
 * EVAL, EVALSHA and SCRIPT LOAD pass through, with Upstash-only script flags made acceptable to
 * stock Redis (scripts.ts).
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, ErrorReply, MultiErrorReply } from 'redis';
import { ScriptShas, sha1 } from './scripts';

export interface UpstashAdapterOptions {
  port: number;
  host?: string;
  /** redis://… of the Redis to front; REDIS_URL or 127.0.0.1:6379 unless given. */
  redisUrl?: string;
  token: string;
  log?: (line: string) => void;
}

export interface UpstashAdapter {
  url: string;
  token: string;
  stop(): Promise<void>;
}

type Command = Array<string | number | boolean | null>;
type Reply = { result: unknown } | { error: string };

function encode(value: unknown): unknown {
  if (typeof value === 'string')
    return value === 'OK' ? value : Buffer.from(value, 'utf8').toString('base64');
  if (Array.isArray(value)) return value.map(encode);
  return value;
}

function isCommand(value: unknown): value is Command {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  );
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startUpstashAdapter(options: UpstashAdapterOptions): Promise<UpstashAdapter> {
  const log = options.log ?? (() => {});
  // Commands fail at once while Redis is unreachable (no offline queue), and the adapter starts
  // even then: a machine without Redis loses the Upstash tests, not the whole local platform.
  const redis = createClient({
    url: options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    disableOfflineQueue: true,
  });
  let reportedDown = false;
  redis.on('error', (error: unknown) => {
    if (!reportedDown) log(`[upstash adapter] redis unreachable: ${String(error)}`);
    reportedDown = true;
  });
  redis.on('ready', () => {
    reportedDown = false;
  });
  // connect() keeps retrying while Redis is down: wait for it a little, never forever.
  await Promise.race([redis.connect().catch(() => undefined), sleep(2_000)]);

  const scripts = new ScriptShas();
  // The SDK serialises arguments as JSON; Redis wants strings, and scripts it can run.
  const toArgs = (command: Command): string[] => {
    const args = command.map((v) => (v === null ? '' : String(v)));
    const name = (args[0] ?? '').toUpperCase();
    const sub = (args[1] ?? '').toUpperCase();
    if ((name === 'EVAL' || name === 'EVAL_RO') && args[1] !== undefined) args[1] = scripts.register(args[1]);
    else if ((name === 'EVALSHA' || name === 'EVALSHA_RO') && args[1] !== undefined)
      args[1] = scripts.resolve(args[1]);
    else if (name === 'SCRIPT' && sub === 'LOAD' && args[2] !== undefined)
      args[2] = scripts.register(args[2]);
    return args;
  };
  const isScriptLoad = (command: Command) =>
    String(command[0]).toUpperCase() === 'SCRIPT' && String(command[1]).toUpperCase() === 'LOAD';

  const run = async (command: Command): Promise<Reply> => {
    try {
      const result = await redis.sendCommand(toArgs(command));
      // SCRIPT LOAD answers with the SHA of the text the client sent, as Upstash does.
      if (isScriptLoad(command) && typeof command[2] === 'string') return { result: sha1(command[2]) };
      return { result };
    } catch (error) {
      if (error instanceof ErrorReply) return { error: error.message };
      throw error;
    }
  };

  const runTransaction = async (commands: Command[]): Promise<Reply[]> => {
    const multi = redis.multi();
    for (const command of commands) multi.addCommand(toArgs(command));
    try {
      const replies: unknown[] = await multi.exec();
      return replies.map((result) => ({ result }));
    } catch (error) {
      if (error instanceof MultiErrorReply) {
        return error.replies.map((reply: unknown) =>
          reply instanceof ErrorReply ? { error: reply.message } : { result: reply },
        );
      }
      if (error instanceof ErrorReply) return commands.map(() => ({ error: error.message }));
      throw error;
    }
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(res, 401, { error: 'Unauthorized' });
    if (req.method !== 'POST') return send(res, 405, { error: 'Method not allowed' });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const out = (reply: Reply) => ('result' in reply && base64 ? { result: encode(reply.result) } : reply);

    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return send(res, 400, { error: 'ERR failed to parse the request body as JSON' });
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      if (!isCommand(body)) return send(res, 400, { error: 'ERR the body must be a command array' });
      const reply = await run(body);
      return send(res, 'error' in reply ? 400 : 200, out(reply));
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      if (!Array.isArray(body) || !body.every(isCommand)) {
        return send(res, 400, { error: 'ERR the body must be an array of command arrays' });
      }
      const replies = path === '/pipeline' ? await Promise.all(body.map(run)) : await runTransaction(body);
      return send(res, 200, replies.map(out));
    }
    return send(res, 404, { error: `ERR unknown endpoint ${path}` });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`[upstash adapter] ${req.url}: ${String(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'ERR the adapter could not reach Redis' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });

  return {
    url: `http://${host}:${options.port}`,
    token: options.token,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.close().catch(() => redis.destroy());
    },
  };
}
