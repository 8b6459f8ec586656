/**
 * A stream's bookkeeping as a pure reducer: what the provider sent so far, what reached the client
 * before it left, the usage and the finish reason, and which SSE event each provider event becomes.
 * No I/O, no timers: complete-stream.ts feeds it and does the writing; stream-state.test.ts checks
 * it without a database.
 */
import type { LlmStreamEvents } from '../../../src/shared/llm-contract';
import type { CallResult } from './call';
import { usageToWire } from './call';
import type { ProviderError } from './provider-error';
import { providerFailureToApiError } from './to-api-error';
import type { FinishReason, ProviderEvent, TokenUsage } from './types';

export interface StreamState {
  /** Everything the provider streamed, including what was drained after the client left. */
  content: string;
  /** What was sent while the client was still there. */
  deliveredContent: string;
  usage: TokenUsage | undefined;
  finishReason: FinishReason;
}

export type SseEvent = {
  [E in keyof LlmStreamEvents]: { event: E; data: LlmStreamEvents[E] };
}[keyof LlmStreamEvents];

export const initialStreamState: StreamState = {
  content: '',
  deliveredContent: '',
  usage: undefined,
  finishReason: 'other',
};

/** The state after `event`, and the SSE event to send for it (none for `finish`). */
export function reduceStream(
  state: StreamState,
  event: ProviderEvent,
  clientGone: boolean,
): { state: StreamState; send: SseEvent | undefined } {
  switch (event.type) {
    case 'delta':
      return {
        state: {
          ...state,
          content: state.content + event.text,
          deliveredContent: clientGone ? state.deliveredContent : state.deliveredContent + event.text,
        },
        send: { event: 'delta', data: { text: event.text } },
      };
    case 'usage':
      return {
        state: { ...state, usage: event.usage },
        send: { event: 'usage', data: usageToWire(event.usage) },
      };
    case 'finish':
      return { state: { ...state, finishReason: event.reason }, send: undefined };
  }
}

/**
 * The stream's last event once the call is metered: `done` with the charge, or — when the provider
 * failed and the client is still there — `error`, whose message states what was charged.
 */
export function closingEvent(
  state: StreamState,
  result: Pick<CallResult, 'creditsCharged' | 'balance'>,
  failure: ProviderError | undefined,
  requestId: string,
): SseEvent {
  if (failure) {
    const apiError = providerFailureToApiError(failure, result.creditsCharged);
    return { event: 'error', data: { error: { code: apiError.code, message: apiError.message, requestId } } };
  }
  return {
    event: 'done',
    data: {
      finish_reason: state.finishReason,
      credits_charged: result.creditsCharged,
      balance: result.balance,
    },
  };
}
