/**
 * Which failed attempts are tried again: a provider's 5xx, a cut or broken stream and timeouts,
 * up to the step's max attempts, with exponential backoff; a 4xx (the request is refused, our
 * configuration is wrong, a rate limit) and anything of our own do not retry.
 */
import { ProviderError } from '../llm/provider-error';

export const isRetryable = (error: unknown): boolean =>
  error instanceof ProviderError && (error.kind === 'failed' || error.kind === 'timeout');

/** 1 s after the first attempt, 4 s after the second, 16 s after the third. */
export const backoffMs = (attempt: number): number => 1000 * 4 ** Math.max(0, attempt - 1);
