/**
 * Realtime's REST broadcast for servers and for realtime-js' fallback (reference §6):
 * `POST /api/broadcast` with `{messages: [{topic, event, payload, private}]}` (BroadcastController:
 * private messages the caller may not write are skipped) and the single-message
 * `POST /api/broadcast/<topic>/events/<event>[?private=true]` with a JSON or binary body
 * (BroadcastSingleController: a refused private message is 403). Both answer 202.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MountedApi } from '../context';
import { RealtimeAuthError, tokenForApiKey, verifyRealtimeToken, type VerifiedToken } from './auth';
import { mayWrite } from './authorization';
import type { RealtimeCore } from './core';
import { hubKey } from './hub';

const MAX_BODY_BYTES = 3000 * 1000 + 500;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function accepted(res: ServerResponse): void {
  res.writeHead(202, { 'content-length': '0' });
  res.end();
}

async function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

/** RealtimeWeb.AuthTenant: the bearer token, else the apikey; any failure is 401 "Unauthorized". */
async function authenticate(req: IncomingMessage, core: RealtimeCore): Promise<VerifiedToken | null> {
  const authorization = req.headers.authorization;
  const bearer = authorization ? /^bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  const apikey = typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined;
  const token = bearer && !bearer.startsWith('sb_') ? bearer : apikey;
  if (!token) return null;
  try {
    return await verifyRealtimeToken(tokenForApiKey(token, core.config), core.config);
  } catch (error) {
    if (error instanceof RealtimeAuthError) return null;
    throw error;
  }
}

export function createBroadcastApi(core: RealtimeCore): MountedApi {
  const allowedToWrite = (identity: VerifiedToken, req: IncomingMessage, topic: string) =>
    mayWrite(
      core.pool,
      { topic, role: identity.role, claims: identity.claims, headers: headersOf(req) },
      'broadcast',
    ).catch(() => false);

  return {
    async handle(req, res, path, query) {
      const single = /^\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(path);
      if (req.method !== 'POST' || (path !== '/broadcast' && !single)) {
        json(res, 404, { message: 'Not Found' });
        return;
      }
      const identity = await authenticate(req, core);
      if (!identity) {
        json(res, 401, { message: 'Unauthorized' });
        return;
      }
      const body = await readRaw(req);
      if (body === null) {
        json(res, 413, { message: 'Payload too large' });
        return;
      }
      const contentType = (req.headers['content-type'] ?? '').toLowerCase();

      if (single) {
        const topic = decodeURIComponent(single[1]!);
        const event = decodeURIComponent(single[2]!);
        const isPrivate = query.get('private') === 'true';
        let message;
        if (contentType.startsWith('application/octet-stream')) {
          message = { event, payload: undefined, binary: body };
        } else if (contentType.startsWith('application/json')) {
          let payload: unknown;
          try {
            payload = JSON.parse(body.toString('utf8'));
          } catch {
            json(res, 400, { message: 'Invalid JSON body' });
            return;
          }
          message = { event, payload };
        } else {
          json(res, 415, { message: 'Unsupported content type' });
          return;
        }
        if (isPrivate && !(await allowedToWrite(identity, req, topic))) {
          json(res, 403, { message: 'Unauthorized' });
          return;
        }
        core.hub.broadcast(hubKey(isPrivate, topic), message);
        accepted(res);
        return;
      }

      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        json(res, 400, { message: 'Invalid JSON body' });
        return;
      }
      const messages = (parsed as { messages?: unknown } | null)?.messages;
      if (!Array.isArray(messages) || messages.length === 0) {
        json(res, 422, { errors: { messages: ["can't be blank"] } });
        return;
      }
      const invalid = messages.findIndex(
        (message) =>
          typeof message !== 'object' ||
          message === null ||
          typeof (message as Record<string, unknown>).topic !== 'string' ||
          typeof (message as Record<string, unknown>).event !== 'string' ||
          typeof (message as Record<string, unknown>).payload !== 'object',
      );
      if (invalid !== -1) {
        json(res, 422, {
          errors: { messages: [{ topic: ["can't be blank"], payload: ["can't be blank"] }] },
        });
        return;
      }
      const writable = new Map<string, boolean>();
      for (const raw of messages as Array<Record<string, unknown>>) {
        const topic = raw.topic as string;
        const isPrivate = raw.private === true;
        if (isPrivate) {
          if (!writable.has(topic)) writable.set(topic, await allowedToWrite(identity, req, topic));
          if (!writable.get(topic)) continue;
        }
        core.hub.broadcast(hubKey(isPrivate, topic), { event: raw.event as string, payload: raw.payload });
      }
      accepted(res);
    },
    async close() {},
  };
}

export function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || name === 'apikey' || name === 'cookie') continue;
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}
