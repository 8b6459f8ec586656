import { describe, expect, it } from 'vitest';
import { ProviderError } from './provider-error';
import { closingEvent, initialStreamState, reduceStream, type StreamState } from './stream-state';
import type { ProviderEvent } from './types';

const run = (events: Array<[ProviderEvent, boolean]>) => {
  let state: StreamState = initialStreamState;
  const sent: unknown[] = [];
  for (const [event, clientGone] of events) {
    const next = reduceStream(state, event, clientGone);
    state = next.state;
    if (next.send) sent.push(next.send);
  }
  return { state, sent };
};

describe('reduceStream', () => {
  it('accumulates the text, the usage and the finish reason, and relays deltas and usage', () => {
    const usage = { inputTokens: 12, outputTokens: 2, cachedInputTokens: 3 };
    const { state, sent } = run([
      [{ type: 'delta', text: 'Hel' }, false],
      [{ type: 'delta', text: 'lo' }, false],
      [{ type: 'usage', usage }, false],
      [{ type: 'finish', reason: 'stop' }, false],
    ]);
    expect(state).toEqual({ content: 'Hello', deliveredContent: 'Hello', usage, finishReason: 'stop' });
    expect(sent).toEqual([
      { event: 'delta', data: { text: 'Hel' } },
      { event: 'delta', data: { text: 'lo' } },
      { event: 'usage', data: { input_tokens: 12, output_tokens: 2, cached_input_tokens: 3 } },
    ]);
  });

  it('keeps what the client saw apart from what was drained after it left', () => {
    const { state } = run([
      [{ type: 'delta', text: 'seen ' }, false],
      [{ type: 'delta', text: 'drained' }, true],
    ]);
    expect(state.content).toBe('seen drained');
    expect(state.deliveredContent).toBe('seen ');
  });

  it('never changes the state it was given', () => {
    const before = { ...initialStreamState };
    reduceStream(initialStreamState, { type: 'delta', text: 'x' }, false);
    expect(initialStreamState).toEqual(before);
  });
});

describe('closingEvent', () => {
  const state: StreamState = { ...initialStreamState, finishReason: 'length' };

  it('ends a finished stream with done, the charge and the balance', () => {
    expect(closingEvent(state, { creditsCharged: 42, balance: 958 }, undefined, 'req-1')).toEqual({
      event: 'done',
      data: { finish_reason: 'length', credits_charged: 42, balance: 958 },
    });
  });

  it('ends a failed stream with an error that states what was charged', () => {
    const failed = new ProviderError('failed', 'cut');
    expect(closingEvent(state, { creditsCharged: 1234, balance: 0 }, failed, 'req-2')).toEqual({
      event: 'error',
      data: {
        error: {
          code: 'UPSTREAM_FAILED',
          message:
            'The model provider failed to answer. 1,234 credits were charged for the work the model did.',
          requestId: 'req-2',
        },
      },
    });
    const nothing = closingEvent(state, { creditsCharged: 0, balance: 5 }, failed, 'req-3');
    expect(nothing.event === 'error' && nothing.data.error.message).toBe(
      'The model provider failed to answer. Nothing was charged.',
    );
  });
});
