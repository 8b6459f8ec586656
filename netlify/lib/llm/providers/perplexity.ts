/** Perplexity's OpenAI-compatible Chat Completions, through the `openai` SDK on its base URL. */
import type { ProviderClient, ProviderClientOptions } from '../types';
import { openAiCompatibleClient } from './openai-compatible';

export const createPerplexityClient = (options: ProviderClientOptions): ProviderClient =>
  openAiCompatibleClient('perplexity', options);
