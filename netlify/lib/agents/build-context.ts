/**
 * The model's context for the next answer: as much recent history as fits a token budget, oldest
 * dropped first, always ending with the new message and never starting with an assistant turn.
 */
import { llmLimits } from '../../../src/shared/llm-contract';
import { estimateTokensFor } from '../llm/pricing';
import type { ChatMessage } from '../llm/types';

/** Tokens of history sent with each message (about 48k characters). */
export const historyTokenBudget = 12_000;

export function buildContext(
  history: ChatMessage[],
  message: string,
  budget = historyTokenBudget,
): ChatMessage[] {
  const next: ChatMessage = { role: 'user', content: message };
  let tokens = estimateTokensFor(message.length);
  let chars = message.length;
  const kept: ChatMessage[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i];
    if (!turn) continue;
    const cost = estimateTokensFor(turn.content.length);
    if (
      tokens + cost > budget ||
      chars + turn.content.length > llmLimits.maxTotalChars ||
      kept.length + 1 >= llmLimits.maxMessages
    ) {
      break;
    }
    kept.unshift(turn);
    tokens += cost;
    chars += turn.content.length;
  }
  while (kept[0]?.role === 'assistant') kept.shift();
  return [...kept, next];
}
