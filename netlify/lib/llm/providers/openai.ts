/** OpenAI Chat Completions through the official `openai` SDK. */
import type { ProviderClient, ProviderClientOptions } from '../types';
import { openAiCompatibleClient } from './openai-compatible';

export const createOpenAiClient = (options: ProviderClientOptions): ProviderClient =>
  openAiCompatibleClient('openai', options);
