import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { creditBalanceKey, type CreditBalance } from '@/lib/credit-balance';
import { streamAnswer, type AnswerEvent } from '../api/stream-answer';
import { useAnswerStream } from './use-answer-stream';

vi.mock('../api/stream-answer', () => ({ streamAnswer: vi.fn() }));
const mockedStream = vi.mocked(streamAnswer);

afterEach(() => mockedStream.mockReset());

function setup(onSession = vi.fn()) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, onSession, ...renderHook(() => useAnswerStream(onSession), { wrapper }) };
}

it('grows the draft token by token, opens the new session and takes the balance from "done"', async () => {
  let emit: (event: AnswerEvent) => void = () => {};
  let finish: () => void = () => {};
  mockedStream.mockImplementation((_input, _signal, onEvent) => {
    emit = onEvent;
    return new Promise<void>((resolve) => {
      finish = resolve;
    });
  });
  const { result, queryClient, onSession } = setup();
  const cached: CreditBalance = {
    available: 1000,
    purchased: 0,
    reserved: 0,
    frozen: false,
    allowance: { remaining: 1000, granted: 1000, used: 0, periodEnd: null },
  };
  queryClient.setQueryData(creditBalanceKey('user-1'), cached);

  act(() => void result.current.send({ employeeId: 'e1', message: 'Plan Q3' }));
  expect(result.current).toMatchObject({ sending: true, pendingMessage: 'Plan Q3', draft: '' });

  act(() => {
    emit({ type: 'session', data: { session_id: 's1', user_message_id: 'u1', assistant_message_id: 'a1' } });
    emit({ type: 'delta', data: { text: 'Start' } });
    emit({ type: 'delta', data: { text: ' here' } });
  });
  expect(onSession).toHaveBeenCalledWith('s1');
  expect(result.current.draft).toBe('Start here');

  act(() => emit({ type: 'done', data: { finish_reason: 'stop', credits_charged: 42, balance: 958 } }));
  expect(queryClient.getQueryData<CreditBalance>(creditBalanceKey('user-1'))?.available).toBe(958);

  await act(async () => finish());
  await waitFor(() => expect(result.current.sending).toBe(false));
  expect(result.current).toMatchObject({ draft: '', pendingMessage: null, error: null });
});

it('stops by aborting the stream, without reporting an error', async () => {
  let signal: AbortSignal | undefined;
  mockedStream.mockImplementation(
    (_input, given) =>
      new Promise<void>((_resolve, reject) => {
        signal = given;
        given.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
      }),
  );
  const { result } = setup();
  act(() => void result.current.send({ employeeId: 'e1', sessionId: 's1', message: 'Long one' }));
  act(() => result.current.stop());
  expect(signal?.aborted).toBe(true);
  await waitFor(() => expect(result.current.sending).toBe(false));
  expect(result.current.error).toBeNull();
});

it('reports an error event from the stream', async () => {
  mockedStream.mockImplementation(async (_input, _signal, onEvent) => {
    onEvent({
      type: 'error',
      data: { error: { code: 'UPSTREAM_FAILED', message: 'The model provider failed.', requestId: 'r1' } },
    });
  });
  const { result } = setup();
  await act(async () => result.current.send({ employeeId: 'e1', sessionId: 's1', message: 'Hi' }));
  expect(result.current.error).toMatchObject({
    code: 'UPSTREAM_FAILED',
    message: 'The model provider failed.',
    requestId: 'r1',
  });
});

it('retries a new chat that failed mid-stream in the session it opened, not in another', async () => {
  mockedStream.mockImplementationOnce(async (_input, _signal, onEvent) => {
    onEvent({
      type: 'session',
      data: { session_id: 's9', user_message_id: 'u1', assistant_message_id: 'a1' },
    });
    onEvent({
      type: 'error',
      data: { error: { code: 'UPSTREAM_FAILED', message: 'Failed.', requestId: 'r1' } },
    });
  });
  mockedStream.mockImplementationOnce(async () => {});
  const { result } = setup();
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Plan Q3' }));
  expect(result.current.canRetry).toBe(true);

  await act(async () => result.current.retry());
  expect(mockedStream).toHaveBeenCalledTimes(2);
  expect(mockedStream.mock.calls[1]?.[0]).toEqual({ employeeId: 'e1', sessionId: 's9', message: 'Plan Q3' });
  await waitFor(() => expect(result.current.error).toBeNull());
  expect(result.current.canRetry).toBe(false);
});

it('retries a message refused before streaming exactly as first sent; dismissing forgets it', async () => {
  mockedStream.mockRejectedValueOnce(new Error('offline'));
  const { result } = setup();
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Hi' }));
  expect(result.current.canRetry).toBe(true);
  act(() => result.current.dismissError());
  expect(result.current).toMatchObject({ error: null, canRetry: false });

  mockedStream.mockRejectedValueOnce(new Error('offline'));
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Hi' }));
  mockedStream.mockResolvedValueOnce(undefined);
  await act(async () => result.current.retry());
  expect(mockedStream.mock.calls[2]?.[0]).toEqual({ employeeId: 'e1', message: 'Hi' });
});
