import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../llm/types';
import { buildContext } from './build-context';

const turn = (role: ChatMessage['role'], content: string): ChatMessage => ({ role, content });

describe('buildContext', () => {
  it('keeps the whole history when it fits, ending with the new message', () => {
    const history = [turn('user', 'Hi'), turn('assistant', 'Hello')];
    expect(buildContext(history, 'Next')).toEqual([...history, turn('user', 'Next')]);
  });

  it('drops the oldest turns first when the history exceeds the budget, never starting with an answer', () => {
    const history = [
      turn('user', 'a'.repeat(400)),
      turn('assistant', 'b'.repeat(400)),
      turn('user', 'c'.repeat(40)),
      turn('assistant', 'd'.repeat(40)),
    ];
    // Budget of 60 tokens: the new message (1) and the last two turns (10 + 10) fit, the 100-token ones do not.
    expect(buildContext(history, 'e', 60)).toEqual([
      turn('user', 'c'.repeat(40)),
      turn('assistant', 'd'.repeat(40)),
      turn('user', 'e'),
    ]);
    // With room for only the last answer, that answer is dropped too rather than leading the context.
    expect(buildContext(history, 'e', 12)).toEqual([turn('user', 'e')]);
  });
});
