/**
 * The local Supabase Realtime server (reference supabase-realtime.md): Phoenix channels over
 * WebSocket at /realtime/v1/websocket and the REST broadcast under /realtime/v1/api, on the same
 * port as /rest/v1 and /auth/v1. Decisions in ADR 0028.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocketServer } from 'ws';
import type { MountedApi, SupabaseApiConfig } from '../context';
import { RealtimeAuthError, tokenForApiKey, verifyRealtimeToken } from './auth';
import { createBroadcastApi, headersOf } from './broadcast-api';
import { RealtimeCore } from './core';
import type { Vsn } from './protocol';
import { Session } from './session';

/** Realtime's cowboy max_frame_size: a larger frame closes the connection (1009). */
const MAX_FRAME_BYTES = 5_000_000;
const WEBSOCKET_PATH = '/realtime/v1/websocket';

export interface RealtimeServer {
  /** Mount under /realtime/v1/api. */
  api: MountedApi;
  /** The HTTP server's `upgrade` listener; other upgrade paths are refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export async function createRealtimeServer(config: SupabaseApiConfig, port: number): Promise<RealtimeServer> {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 6 });
  pool.on('error', (error) => config.log(`[realtime] idle connection error: ${error.message}`));
  const core = new RealtimeCore(config, pool);
  // One slot per server port, so a dev instance and a test run on the same database never share one.
  await core.start(`supabase_realtime_local_${port}`);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  const refuse = (socket: Duplex, status: number, error: string) => {
    const body = JSON.stringify({ error });
    const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };

  return {
    api: createBroadcastApi(core),
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== WEBSOCKET_PATH) {
        refuse(socket, 404, 'Not Found');
        return;
      }
      const vsnParam = url.searchParams.get('vsn') ?? '1.0.0';
      if (vsnParam !== '1.0.0' && vsnParam !== '2.0.0') {
        refuse(
          socket,
          403,
          `The client's requested transport version "${vsnParam}" does not match server's version requirements`,
        );
        return;
      }
      const headerKey = req.headers['x-api-key'];
      const apikey = typeof headerKey === 'string' ? headerKey : url.searchParams.get('apikey');
      if (!apikey) {
        refuse(socket, 401, 'API key is missing');
        return;
      }
      const token = tokenForApiKey(apikey, config);
      verifyRealtimeToken(token, config).then(
        (verified) => {
          wss.handleUpgrade(req, socket, head, (ws) => {
            core.sessions.add(new Session(ws, vsnParam as Vsn, verified.token, headersOf(req), core));
          });
        },
        (error: unknown) => {
          if (error instanceof RealtimeAuthError) refuse(socket, error.http.status, error.http.error);
          else socket.destroy();
        },
      );
    },
    async close() {
      await core.stop();
      wss.close();
    },
  };
}
