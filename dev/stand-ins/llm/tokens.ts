/**
 * The stand-in's deterministic "model": how many tokens a prompt has and what the answer is.
 * Tests import these to know the exact usage the stand-in will report for a prompt.
 */

/** One token per four characters, rounded up, plus three per message for the role framing. */
export function countPromptTokens(system: string | undefined, messages: readonly string[]): number {
  const text = (system ? [system] : []).concat(messages);
  return text.reduce((sum, part) => sum + Math.ceil(part.length / 4) + 3, 0);
}

const vocabulary = [
  'the',
  'plan',
  'looks',
  'sound',
  'and',
  'we',
  'can',
  'ship',
  'it',
  'after',
  'a',
  'short',
  'review',
  'of',
  'costs',
  'risks',
  'next',
  'steps',
  'for',
  'your',
  'team',
  'today',
  'with',
  'care',
];

// FNV-1a: a stable hash so the same prompt always gets the same answer.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The answer to `prompt` as `count` tokens; joined they read as one sentence. */
export function answerTokens(prompt: string, count: number): string[] {
  const seed = hash(prompt);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = vocabulary[(seed + i * 7) % vocabulary.length] ?? 'ok';
    tokens.push(i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : ` ${word}`);
  }
  return tokens;
}

/** `[[llm:echo]]`: the message itself as the answer, one token per word (whitespace kept). */
export function echoTokens(message: string): string[] {
  return message.match(/\s*\S+/g) ?? [];
}

/** Answer length when the prompt does not ask for one with `[[llm:tokens=N]]`. */
export const defaultAnswerTokens = 16;
