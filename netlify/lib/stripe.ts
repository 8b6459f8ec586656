/**
 * The Stripe client. STRIPE_API_URL, when set, points stripe-node at another host (the local
 * stand-in) through its own `host`/`port`/`protocol` options, so the same SDK code path runs
 * locally and in production; unset, the SDK talks to api.stripe.com.
 */
import Stripe from 'stripe';
import { stripeEnv, type StripeEnv } from './env';

const clients = new Map<string, Stripe>();

export function getStripe(env: StripeEnv = stripeEnv()): Stripe {
  const cacheKey = `${env.secretKey}@${env.api ? `${env.api.protocol}://${env.api.host}:${env.api.port}` : 'stripe'}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(env.secretKey, {
      // Retries reuse the Idempotency-Key stripe-node adds to every POST, so a retry never
      // creates a second customer or session.
      maxNetworkRetries: 2,
      timeout: 10_000,
      appInfo: { name: 'agi-agent-automation' },
      ...(env.api ? { host: env.api.host, port: env.api.port, protocol: env.api.protocol } : {}),
    });
    clients.set(cacheKey, client);
  }
  return client;
}
