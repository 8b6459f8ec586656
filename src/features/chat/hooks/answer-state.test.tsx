/** The answer's transitions, event by event, as the chat page sees them. */
import { describe, expect, it } from 'vitest';
import { answerReducer, initialAnswerState, type AnswerEvent, type AnswerState } from './answer-state';

const run = (events: AnswerEvent[], from: AnswerState = initialAnswerState) =>
  events.reduce(answerReducer, from);
const sent: AnswerEvent = { type: 'sent', input: { employeeId: 'e1', message: 'Plan Q3' }, at: 1_000 };
const opened: AnswerEvent = { type: 'session-opened', sessionId: 's1', answerId: 'a1' };

describe('answerReducer', () => {
  it('thinks until the first token, then streams the draft; the end clears it', () => {
    const thinking = run([sent, opened]);
    expect(thinking).toMatchObject({
      phase: 'thinking',
      pendingMessage: 'Plan Q3',
      employeeId: 'e1',
      sentAt: 1_000,
      sessionId: 's1',
      answerId: 'a1',
      draft: '',
    });
    const streaming = run(
      [
        { type: 'delta', text: 'Start' },
        { type: 'delta', text: ' here' },
      ],
      thinking,
    );
    expect(streaming).toMatchObject({ phase: 'streaming', draft: 'Start here' });
    expect(run([{ type: 'ended' }], streaming)).toMatchObject({
      phase: 'idle',
      pendingMessage: null,
      draft: '',
      answerId: null,
      sentAt: null,
    });
  });

  it('a message answered again is not shown as pending (it is in the list already)', () => {
    const again = run([
      { type: 'sent', input: { employeeId: 'e1', message: 'x', answerAgain: 'u1' }, at: 0 },
    ]);
    expect(again.pendingMessage).toBeNull();
  });

  it('Stop keeps the text that was on screen for that answer, after the stream ended too', () => {
    const stopped = run([sent, opened, { type: 'delta', text: 'Half an ans' }, { type: 'stopped' }]);
    expect(stopped.stopped).toEqual({ a1: 'Half an ans' });
    // Late tokens in flight after Stop do not change what was kept.
    const ended = run([{ type: 'delta', text: 'wer' }, { type: 'ended' }], stopped);
    expect(ended.stopped).toEqual({ a1: 'Half an ans' });
    expect(ended.phase).toBe('idle');
    // The next message keeps the earlier stopped answers' text.
    expect(run([sent], ended).stopped).toEqual({ a1: 'Half an ans' });
  });

  it('Stop before the server named the answer, or when idle, keeps nothing', () => {
    expect(run([sent, { type: 'stopped' }]).stopped).toEqual({});
    expect(run([{ type: 'stopped' }])).toBe(initialAnswerState);
  });

  it('a token after the end is ignored', () => {
    expect(run([{ type: 'delta', text: 'late' }])).toBe(initialAnswerState);
  });

  it('a failure keeps what Retry sends; dismissing forgets it; sending again clears it', () => {
    const retry = { employeeId: 'e1', sessionId: 's1', message: 'Plan Q3', answerAgain: 'u1' };
    const failed = run([sent, { type: 'failed', error: 'boom', retry, returned: null }, { type: 'ended' }]);
    expect(failed).toMatchObject({ phase: 'idle', error: 'boom', failed: retry, returned: null });
    expect(run([{ type: 'error-dismissed' }], failed)).toMatchObject({ error: null, failed: null });
    expect(run([sent], failed)).toMatchObject({ error: null, failed: null, phase: 'thinking' });
  });

  it('a message refused for credits goes back to the composer once', () => {
    const input = { employeeId: 'e1', message: 'Plan Q3', maxTokens: 512 };
    const refused = run([
      { type: 'sent', input, at: 0 },
      { type: 'failed', error: 'no credits', retry: null, returned: input },
      { type: 'ended' },
    ]);
    expect(refused.returned).toEqual(input);
    expect(refused.failed).toBeNull();
    expect(run([{ type: 'taken-back' }], refused).returned).toBeNull();
  });
});
