/**
 * The answer-length choice under the composer: the most output tokens an answer may use. The
 * credit hold is priced at it (DESIGN.md §5), so a shorter answer needs fewer credits held — the
 * way through when the balance cannot cover a long one. Long is the gateway's default.
 */
import { defaultMaxOutputTokens } from '@/shared/llm-contract';

export const answerLengths = [
  { id: 'short', label: 'Short', tokens: 512, hint: 'a paragraph or two' },
  { id: 'medium', label: 'Medium', tokens: 1_536, hint: 'about a page' },
  { id: 'long', label: 'Long', tokens: defaultMaxOutputTokens, hint: 'several pages' },
] as const;

export type AnswerLength = (typeof answerLengths)[number]['id'];
export const defaultAnswerLength: AnswerLength = 'long';

export const tokensFor = (length: AnswerLength) =>
  answerLengths.find((option) => option.id === length)?.tokens ?? defaultMaxOutputTokens;
