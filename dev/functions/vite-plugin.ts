/**
 * Vite plugin: the Netlify functions served in the dev server's own process (dev/functions/server.ts),
 * ahead of @netlify/vite-plugin, which keeps netlify.toml's redirects, headers and static files
 * with its own function runner switched off. Modules load through Vite's SSR loader, so editing a
 * file under netlify/ takes effect on the next request. ADR 0023.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import netlify from '@netlify/vite-plugin';
import type { Plugin, PluginOption } from 'vite';
import { createDevFunctionsServer, type DevFunctionsServer } from './server.ts';
import { spaFallback } from './spa-fallback.ts';

export interface NetlifyFunctionsOptions {
  /** Functions directory; default: `[functions] directory` of netlify.toml. */
  directory?: string;
  /** Fire `config.schedule` functions on their cron (default on; LOCAL_SCHEDULED_FUNCTIONS=off). */
  schedules?: boolean;
  /** Seconds before a synchronous function is cut off (default: Netlify's 30). */
  syncTimeoutSeconds?: number;
  /** Receives the server once it is created (tests drive schedules and wait for background work). */
  onServer?: (server: DevFunctionsServer) => void;
}

/**
 * The Netlify side of the dev server: the functions in-process, netlify.toml's SPA rule
 * (spa-fallback.ts, also in `vite preview`), then @netlify/vite-plugin for netlify.toml's headers
 * and static files. Its own function runner is off (ADR 0023), and so are its redirects (the SPA
 * rule is answered by spa-fallback.ts; ADR 0083) and everything that would reach Netlify's cloud
 * or download a runtime: edge functions (Deno), blobs, the database and image CDN emulations,
 * geolocation.
 */
export function localNetlify(options: NetlifyFunctionsOptions = {}): PluginOption[] {
  return [
    netlifyFunctionsInProcess(options),
    spaFallback(),
    netlify({
      functions: { enabled: false },
      redirects: { enabled: false },
      edgeFunctions: { enabled: false },
      aiGateway: { enabled: false },
      blobs: { enabled: false },
      database: { enabled: false },
      images: { enabled: false },
      geolocation: { enabled: false },
    }),
  ];
}

function netlifyFunctionsInProcess(options: NetlifyFunctionsOptions = {}): Plugin {
  return {
    name: 'agi:netlify-functions-in-process',
    apply: 'serve',
    configureServer(vite) {
      const root = vite.config.root;
      const directory = path.resolve(root, options.directory ?? functionsDirectoryOf(root));
      const log = (line: string) => vite.config.logger.warn(line, { timestamp: true });
      const functions = createDevFunctionsServer({
        directory,
        loadModule: (file) => vite.ssrLoadModule(file),
        log,
        syncTimeoutSeconds: options.syncTimeoutSeconds,
      });
      options.onServer?.(functions);

      vite.watcher.add(directory);
      vite.watcher.on('all', (_event, file) => {
        if (path.resolve(file).startsWith(directory + path.sep)) functions.invalidate();
      });
      vite.middlewares.use((req, res, next) => {
        functions.handle(req, res).then((handled) => handled || next(), next);
      });

      const schedules = options.schedules ?? process.env.LOCAL_SCHEDULED_FUNCTIONS !== 'off';
      vite.httpServer?.once('listening', () => {
        const address = vite.httpServer?.address();
        if (!schedules || !address || typeof address === 'string') return;
        functions.startSchedules(`http://localhost:${address.port}`).catch((error: unknown) => {
          log(`[functions] could not schedule functions: ${String(error)}`);
        });
      });
      vite.httpServer?.once('close', () => functions.stop());
    },
  };
}

function functionsDirectoryOf(root: string): string {
  const toml = readFileSync(path.join(root, 'netlify.toml'), 'utf8');
  const directory = /^\[functions\][^[]*?^\s*directory\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!directory) throw new Error('netlify.toml has no [functions] directory');
  return directory;
}
