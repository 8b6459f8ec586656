/**
 * Sending a message and following its streamed answer (the transitions are in answer-state.ts):
 * the draft grows token by token, Stop aborts the stream and asks the server to stop (it keeps the
 * partial answer, marked stopped; the text on screen stays as it was), and when it ends the
 * session's messages, the sessions list and the balance are refreshed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiClientError, apiFetch } from '@/lib/api-client';
import type { CreditBalance } from '@/lib/credit-balance';
import { sharedQueryKeys } from '@/lib/query-keys';
import { storedMessageSchema } from '@/shared/llm-contract';
import { streamAnswer, type SendMessage } from '../api/stream-answer';
import { chatKeys } from '../keys';
import { answerReducer, initialAnswerState, type AnswerState } from './answer-state';

export interface AnswerStream extends AnswerState {
  sending: boolean;
  /** Whether the failed message can be sent again (false while sending or with no failure). */
  canRetry: boolean;
  send(input: SendMessage): Promise<void>;
  /**
   * Tries the failed message again: answers the stored message again when the server stored it,
   * else sends it again (into the session it opened, if it got that far).
   */
  retry(): void;
  stop(): void;
  dismissError(): void;
  /** The composer took back the message that was refused (`returned`). */
  takeBack(): void;
}

// By name: the AbortError may be a DOMException of another realm, which is no `instanceof Error`.
const isAbort = (error: unknown) =>
  typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';

/** What Retry sends after `reason`, and whether the message goes back to the composer. */
function afterFailure(input: SendMessage, reason: unknown, sessionId?: string, storedAs?: string) {
  // Answered in the meantime (another tab): there is nothing left to retry.
  if (reason instanceof ApiClientError && reason.code === 'CONFLICT') return { retry: null, returned: null };
  // Refused for credits before anything was stored: the message goes back to the composer, to
  // be sent again with a shorter answer (a retry as it was can only fail the same way).
  if (reason instanceof ApiClientError && reason.code === 'INSUFFICIENT_CREDITS' && !storedAs)
    return { retry: null, returned: input };
  return {
    retry: {
      ...input,
      ...(sessionId ? { sessionId } : {}),
      ...(storedAs ? { answerAgain: storedAs } : {}),
    },
    returned: null,
  };
}

export function useAnswerStream(onSession: (sessionId: string) => void): AnswerStream {
  const queryClient = useQueryClient();
  const abortRef = useRef<AbortController | null>(null);
  const answerIdRef = useRef<string | null>(null);
  const [state, dispatch] = useReducer(answerReducer, initialAnswerState);

  // Leaving the page stops the stream, like the Stop button.
  useEffect(() => () => abortRef.current?.abort(), []);

  const send = useCallback(
    async (input: SendMessage) => {
      const abort = new AbortController();
      abortRef.current = abort;
      dispatch({ type: 'sent', input, at: Date.now() });
      let sessionId = input.sessionId;
      let storedAs = input.answerAgain;
      const fail = (reason: unknown) => {
        // Once the server stored the message (it says where), Retry answers that message again
        // rather than storing it twice; before that, it sends the message again.
        const stored = storedMessageSchema.safeParse(
          reason instanceof ApiClientError ? reason.details : null,
        );
        if (stored.success) {
          sessionId = stored.data.session_id;
          storedAs = stored.data.user_message_id;
          if (!input.sessionId) onSession(sessionId);
        }
        dispatch({ type: 'failed', error: reason, ...afterFailure(input, reason, sessionId, storedAs) });
      };
      try {
        await streamAnswer(input, abort.signal, (event) => {
          switch (event.type) {
            case 'session':
              sessionId = event.data.session_id;
              storedAs = event.data.user_message_id;
              answerIdRef.current = event.data.assistant_message_id;
              dispatch({
                type: 'session-opened',
                sessionId: event.data.session_id,
                answerId: event.data.assistant_message_id,
              });
              if (!input.sessionId) onSession(sessionId);
              break;
            case 'delta':
              dispatch({ type: 'delta', text: event.data.text });
              break;
            case 'done':
              // Show the settled figure at once; the refetch below brings the rest of the balance.
              queryClient.setQueriesData<CreditBalance>(
                { queryKey: sharedQueryKeys.creditBalance },
                (cached) => (cached ? { ...cached, available: event.data.balance } : cached),
              );
              break;
            case 'error':
              fail(
                new ApiClientError({
                  status: 502,
                  code: event.data.error.code,
                  message: event.data.error.message,
                  requestId: event.data.error.requestId,
                }),
              );
              break;
            default:
              break;
          }
        });
      } catch (caught) {
        if (!isAbort(caught)) fail(caught);
      } finally {
        abortRef.current = null;
        answerIdRef.current = null;
        const refreshes = [
          queryClient.invalidateQueries({ queryKey: chatKeys.sessions() }),
          queryClient.invalidateQueries({ queryKey: sharedQueryKeys.creditBalance }),
        ];
        if (sessionId)
          refreshes.push(queryClient.invalidateQueries({ queryKey: chatKeys.messages(sessionId) }));
        await Promise.allSettled(refreshes);
        dispatch({ type: 'ended' });
      }
    },
    [onSession, queryClient],
  );

  const { failed } = state;
  return {
    ...state,
    sending: state.phase !== 'idle',
    canRetry: failed !== null && state.phase === 'idle',
    send,
    retry: useCallback(() => {
      if (failed) void send(failed);
    }, [failed, send]),
    stop: useCallback(() => {
      // Tell the server as well: not every platform reports a client that went away.
      const answerId = answerIdRef.current;
      if (answerId) {
        void apiFetch('/api/agents/stop', { method: 'POST', json: { assistant_message_id: answerId } }).catch(
          () => undefined,
        );
      }
      dispatch({ type: 'stopped' });
      abortRef.current?.abort();
    }, []),
    dismissError: useCallback(() => dispatch({ type: 'error-dismissed' }), []),
    takeBack: useCallback(() => dispatch({ type: 'taken-back' }), []),
  };
}
