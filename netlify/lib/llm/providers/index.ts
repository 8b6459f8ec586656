/**
 * The provider client for a provider, built from its environment (key, base URL) and reused
 * across requests of one function instance so connections stay warm.
 */
import { llmProviderEnv } from '../../env';
import type { LlmProvider, ProviderClient, ProviderClientOptions } from '../types';
import { createAnthropicClient } from './anthropic';
import { createGoogleClient } from './google';
import { createOpenAiClient } from './openai';
import { createPerplexityClient } from './perplexity';

const factories: Record<LlmProvider, (options: ProviderClientOptions) => ProviderClient> = {
  openai: createOpenAiClient,
  anthropic: createAnthropicClient,
  google: createGoogleClient,
  perplexity: createPerplexityClient,
};

/** Up to the first byte of a stream, or the whole JSON answer. */
export const providerTimeoutMs = 60_000;
/** One retry of connection failures, 5xx and 429, before any output (the SDKs' own logic). */
export const providerMaxRetries = 1;

const clients = new Map<string, ProviderClient>();

export function createProviderClient(provider: LlmProvider, options: ProviderClientOptions): ProviderClient {
  return factories[provider](options);
}

/** The configured client; throws EnvError when the provider has no key. */
export function providerClient(provider: LlmProvider): ProviderClient {
  const { apiKey, baseUrl } = llmProviderEnv(provider);
  const key = `${provider}|${baseUrl ?? ''}|${apiKey}`;
  let client = clients.get(key);
  if (!client) {
    client = createProviderClient(provider, {
      apiKey,
      baseUrl,
      timeoutMs: providerTimeoutMs,
      maxRetries: providerMaxRetries,
    });
    clients.set(key, client);
  }
  return client;
}
