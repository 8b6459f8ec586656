/**
 * The Supabase-compatible local API on one port, like the CLI's Kong gateway: /rest/v1 → the
 * PostgREST emulation, /auth/v1 → the GoTrue emulation, /realtime/v1 → the Realtime server (WebSocket
 * upgrades and its REST broadcast), prefixes stripped.
 */
import http from 'node:http';
import { assertPortFree } from '../ports';
import { createAuthApi } from './auth';
import type { MountedApi, SupabaseApiConfig } from './context';
import { answerPreflight, applyCorsHeaders, isPreflight } from './cors';
import { createIdentityProviderStandIn } from '../stand-ins/identity-providers/stand-in';
import { createRealtimeServer } from './realtime';
import { createRestApi } from './rest';
import { createStorageApi } from './storage';

export interface SupabaseApiServer {
  url: string;
  stop(): Promise<void>;
}

export async function startSupabaseApi(
  config: SupabaseApiConfig,
  listen: { port: number; host?: string; portVariable?: string },
): Promise<SupabaseApiServer> {
  await assertPortFree(listen.port, listen.portVariable ?? 'LOCAL_SUPABASE_PORT', 'Supabase API');
  const realtime = await createRealtimeServer(config, listen.port);
  const mounts: Array<[prefix: string, api: MountedApi]> = [
    ['/rest/v1', await createRestApi(config)],
    ['/auth/v1', await createAuthApi(config)],
    ['/realtime/v1/api', realtime.api],
    ['/storage/v1', createStorageApi(config)],
    // GitHub's and Google's OAuth servers, stood in for locally (dev/stand-ins/identity-providers).
    ['/idp', createIdentityProviderStandIn()],
  ];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    applyCorsHeaders(req, res);
    if (isPreflight(req)) {
      answerPreflight(req, res);
      return;
    }
    const mount = mounts.find(([prefix]) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
    if (!mount) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'no Route matched with those values' }));
      return;
    }
    const [prefix, api] = mount;
    const path = url.pathname.slice(prefix.length) || '/';
    api.handle(req, res, path, url.searchParams).catch((error: unknown) => {
      config.log(`[supabase] unhandled error on ${req.method} ${url.pathname}: ${String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'internal error' }));
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host ?? '127.0.0.1', () => resolve());
  });

  return {
    url: `http://127.0.0.1:${listen.port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [, api] of mounts) await api.close();
      await realtime.close();
    },
  };
}
