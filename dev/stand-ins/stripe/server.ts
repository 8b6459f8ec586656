/**
 * The local Stripe stand-in: stripe-node talks to it (`host`/`port`/`protocol` from
 * STRIPE_API_URL) and its hosted pages complete purchases by sending signed webhooks to the app.
 * One node:http server, an in-memory account, deterministic ids. See README.md beside this file.
 */
import http from 'node:http';
import { createStripeApi } from './api';
import { toPrice, type CatalogPrice } from './catalog';
import { createStripePages } from './pages';
import { StandInError, StripeSimulator } from './simulator';
import { StripeStore } from './store';
import { deliverByHttp, WebhookSender, type Deliver } from './webhooks';

export interface StripeStandInOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  secretKey: string;
  webhookSecret: string;
  /** The prices it sells (see catalog.ts). */
  catalog: CatalogPrice[];
  /** Where events go: the app's webhook URL, a function (tests), or nowhere (null). */
  webhook: string | Deliver | null;
  /** Injected wall clock in milliseconds (tests); defaults to Date.now. */
  clock?: () => number;
  /** Id namespace ([a-z0-9]); fixed for a reproducible run, random by default (see store.ts). */
  idNamespace?: string;
  log?: (line: string) => void;
}

export interface StripeStandIn {
  /** Base URL for STRIPE_API_URL, and where the hosted pages and the event sender live. */
  url: string;
  simulator: StripeSimulator;
  store: StripeStore;
  sender: WebhookSender;
  /** Resolves when every event caused so far (including by the hosted pages) has been delivered. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const maxBody = 1024 * 1024;

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const store = new StripeStore(options.clock, options.idNamespace);
  const deliver = typeof options.webhook === 'string' ? deliverByHttp(options.webhook) : options.webhook;
  const sender = new WebhookSender(store, options.webhookSecret, deliver, log);
  const simulator = new StripeSimulator(store, sender.emit);
  simulator.loadCatalog(options.catalog, toPrice);

  let publicUrl = '';
  const api = createStripeApi(simulator, { secretKey: options.secretKey, publicUrl: () => publicUrl });
  const pages = createStripePages(simulator, sender, log);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', publicUrl);
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const work = url.pathname.startsWith('/v1/')
        ? api.respond(req, res, url, rawBody)
        : pages.handle(req, res, url, rawBody).then((handled) => {
            if (!handled) {
              res.writeHead(404, { 'content-type': 'text/plain' });
              res.end('Not found');
            }
          });
      work.catch((error: unknown) => {
        const status = error instanceof StandInError ? error.status : 500;
        if (status === 500) log(`[stripe] ${req.method} ${url.pathname} failed: ${String(error)}`);
        if (!res.headersSent) {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) },
            }),
          );
        } else res.destroy();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  publicUrl = `http://${host}:${port}`;

  return {
    url: publicUrl,
    simulator,
    store,
    sender,
    idle: pages.idle,
    stop: async () => {
      sender.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
