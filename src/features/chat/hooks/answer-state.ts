/**
 * The state of the answer being sent and streamed, as named events and one reducer (pure, so
 * every transition is unit-tested without a network): thinking until the first token, streaming,
 * stopped by the user (the text on screen is kept, by answer id), failed (with what Retry sends,
 * and — when the server refused it for credits before storing it — the message handed back to
 * the composer).
 */
import type { SendMessage } from '../api/stream-answer';

export type AnswerPhase = 'idle' | 'thinking' | 'streaming';

export interface AnswerState {
  phase: AnswerPhase;
  /** The message being answered, shown until the stored one arrives (null when answered again). */
  pendingMessage: string | null;
  /** Who is answering, for the header and sidebar of a chat still being created. */
  employeeId: string | null;
  /** When the message was sent (ms since epoch), for the thinking timer. */
  sentAt: number | null;
  /** The session the answer streams into, once the server said. */
  sessionId: string | null;
  /** The answer's stored id, once the server said: Stop names it. */
  answerId: string | null;
  draft: string;
  error: unknown;
  /** What Retry sends; null when there is nothing to retry. */
  failed: SendMessage | null;
  /** Answers the user stopped in this view, with the text that was on screen, by answer id. */
  stopped: Readonly<Record<string, string>>;
  /** A message refused before it was stored, for the composer to take back (then `taken-back`). */
  returned: SendMessage | null;
}

export type AnswerEvent =
  | { type: 'sent'; input: SendMessage; at: number }
  | { type: 'session-opened'; sessionId: string; answerId: string }
  | { type: 'delta'; text: string }
  | { type: 'stopped' }
  | { type: 'failed'; error: unknown; retry: SendMessage | null; returned: SendMessage | null }
  | { type: 'ended' }
  | { type: 'error-dismissed' }
  | { type: 'taken-back' };

export const initialAnswerState: AnswerState = {
  phase: 'idle',
  pendingMessage: null,
  employeeId: null,
  sentAt: null,
  sessionId: null,
  answerId: null,
  draft: '',
  error: null,
  failed: null,
  stopped: {},
  returned: null,
};

export function answerReducer(state: AnswerState, event: AnswerEvent): AnswerState {
  switch (event.type) {
    case 'sent':
      return {
        ...state,
        phase: 'thinking',
        // A message answered again is already in the list.
        pendingMessage: event.input.answerAgain ? null : event.input.message,
        employeeId: event.input.employeeId,
        sentAt: event.at,
        sessionId: event.input.sessionId ?? null,
        answerId: null,
        draft: '',
        error: null,
        failed: null,
        returned: null,
      };
    case 'session-opened':
      return { ...state, sessionId: event.sessionId, answerId: event.answerId };
    case 'delta':
      if (state.phase === 'idle') return state;
      return { ...state, phase: 'streaming', draft: state.draft + event.text };
    case 'stopped':
      // What the user was reading stays, as it was, marked stopped; the stream's end follows.
      if (state.phase === 'idle' || !state.answerId) return state;
      return { ...state, stopped: { ...state.stopped, [state.answerId]: state.draft } };
    case 'failed':
      return { ...state, error: event.error, failed: event.retry, returned: event.returned };
    case 'ended':
      return { ...state, phase: 'idle', pendingMessage: null, sentAt: null, answerId: null, draft: '' };
    case 'error-dismissed':
      return { ...state, error: null, failed: null };
    case 'taken-back':
      return { ...state, returned: null };
  }
}
