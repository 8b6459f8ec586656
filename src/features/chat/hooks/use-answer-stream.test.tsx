/**
 * The answer stream hook against an msw stand-in for POST /api/agents/execute speaking its real
 * wire format (SSE events, the error shape): draft, balance, Stop, errors and Retry — which
 * answers a stored message again rather than storing it twice.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { creditBalanceKey, type CreditBalance } from '@/lib/credit-balance';
import { clearTestSession, storeTestSession } from '@/test/test-session';
import { useAnswerStream } from './use-answer-stream';

const ids = {
  session_id: 'b0000000-0000-4000-8000-000000000001',
  user_message_id: 'b0000000-0000-4000-8000-000000000002',
  assistant_message_id: 'b0000000-0000-4000-8000-000000000003',
};
const providerFailed = { code: 'UPSTREAM_FAILED', message: 'The model provider failed.', requestId: 'r1' };

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const sse = (body: string | ReadableStream<Uint8Array>) =>
  new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });

/** What the next execute calls answer, in order; the request bodies they got. */
let answers: ((request: Request) => Response | Promise<Response>)[];
let bodies: unknown[];
let stops: unknown[];

const server = setupServer(
  ...signedInShellHandlers,
  http.post('*/api/agents/execute', async ({ request }) => {
    bodies.push(await request.clone().json());
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected execute call');
    return answer(request);
  }),
  http.post('*/api/agents/stop', async ({ request }) => {
    stops.push(await request.json());
    return new HttpResponse(null, { status: 204 });
  }),
  // The refreshes after an answer: any answer will do.
  http.get('*/rest/v1/*', () => HttpResponse.json([])),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  answers = [];
  bodies = [];
  stops = [];
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

function setup() {
  const onSession = vi.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, onSession, ...renderHook(() => useAnswerStream(onSession), { wrapper }) };
}

/** A stream the test writes to event by event; it breaks off when the client aborts, as on the network. */
function liveStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    respond: (request: Request) => {
      request.signal.addEventListener('abort', () =>
        controller.error(new DOMException('The operation was aborted.', 'AbortError')),
      );
      return sse(body);
    },
    emit: (event: string, data: unknown) => controller.enqueue(encoder.encode(frame(event, data))),
    end: () => controller.close(),
  };
}

it('grows the draft token by token, opens the new session and takes the balance from "done"', async () => {
  const stream = liveStream();
  answers = [stream.respond];
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

  stream.emit('session', ids);
  stream.emit('delta', { text: 'Start' });
  stream.emit('delta', { text: ' here' });
  await waitFor(() => expect(result.current.draft).toBe('Start here'));
  expect(onSession).toHaveBeenCalledWith(ids.session_id);
  expect(bodies).toEqual([{ employee_id: 'e1', message: 'Plan Q3' }]);

  stream.emit('done', { finish_reason: 'stop', credits_charged: 42, balance: 958 });
  await waitFor(() =>
    expect(queryClient.getQueryData<CreditBalance>(creditBalanceKey('user-1'))?.available).toBe(958),
  );

  stream.end();
  await waitFor(() => expect(result.current.sending).toBe(false));
  expect(result.current).toMatchObject({ draft: '', pendingMessage: null, error: null });
});

it('stops: asks the server to stop this answer and ends the stream, without reporting an error', async () => {
  const stream = liveStream();
  answers = [stream.respond];
  const { result } = setup();
  act(() => void result.current.send({ employeeId: 'e1', sessionId: ids.session_id, message: 'Long one' }));
  stream.emit('session', ids);
  stream.emit('delta', { text: 'Part' });
  await waitFor(() => expect(result.current.draft).toBe('Part'));

  act(() => result.current.stop());
  await waitFor(() => expect(result.current.sending).toBe(false));
  expect(result.current.error).toBeNull();
  expect(result.current.canRetry).toBe(false);
  await waitFor(() => expect(stops).toEqual([{ assistant_message_id: ids.assistant_message_id }]));
});

it('after an answer failed mid-stream, Retry answers the stored message again in its session', async () => {
  answers = [
    () =>
      sse(
        frame('session', ids) + frame('delta', { text: 'Half' }) + frame('error', { error: providerFailed }),
      ),
    () =>
      sse(frame('session', ids) + frame('done', { finish_reason: 'stop', credits_charged: 1, balance: 9 })),
  ];
  const { result } = setup();
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Plan Q3' }));
  expect(result.current.error).toMatchObject(providerFailed);
  expect(result.current.canRetry).toBe(true);

  await act(async () => result.current.retry());
  expect(bodies).toEqual([
    { employee_id: 'e1', message: 'Plan Q3' },
    { employee_id: 'e1', session_id: ids.session_id, answer_again: ids.user_message_id },
  ]);
  await waitFor(() => expect(result.current.error).toBeNull());
  expect(result.current.canRetry).toBe(false);
});

it('when the provider failed before answering, Retry answers the message where the server stored it', async () => {
  let pendingWhileAnsweringAgain: string | null | undefined;
  const { result, onSession } = setup();
  answers = [
    () =>
      HttpResponse.json(
        {
          error: {
            ...providerFailed,
            details: { session_id: ids.session_id, user_message_id: ids.user_message_id },
          },
        },
        { status: 502 },
      ),
    () => {
      pendingWhileAnsweringAgain = result.current.pendingMessage;
      return sse(
        frame('session', ids) + frame('done', { finish_reason: 'stop', credits_charged: 1, balance: 9 }),
      );
    },
  ];
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Plan Q3' }));
  expect(result.current.error).toMatchObject({ status: 502, code: 'UPSTREAM_FAILED' });
  // The new chat exists on the server: it is opened, showing the message and its failed answer.
  expect(onSession).toHaveBeenCalledWith(ids.session_id);

  await act(async () => result.current.retry());
  expect(bodies[1]).toEqual({
    employee_id: 'e1',
    session_id: ids.session_id,
    answer_again: ids.user_message_id,
  });
  // The message is already in the list: it is not shown a second time as pending.
  expect(pendingWhileAnsweringAgain).toBeNull();
});

it('retries a message refused before it was stored exactly as first sent; dismissing forgets it', async () => {
  const refused = () =>
    HttpResponse.json({ error: { code: 'UNAVAILABLE', message: 'Busy.', requestId: 'r2' } }, { status: 503 });
  answers = [refused, refused, () => sse(frame('session', ids))];
  const { result } = setup();
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Hi' }));
  expect(result.current.canRetry).toBe(true);
  act(() => result.current.dismissError());
  expect(result.current).toMatchObject({ error: null, canRetry: false });

  await act(async () => result.current.send({ employeeId: 'e1', message: 'Hi' }));
  await act(async () => result.current.retry());
  expect(bodies).toEqual([
    { employee_id: 'e1', message: 'Hi' },
    { employee_id: 'e1', message: 'Hi' },
    { employee_id: 'e1', message: 'Hi' },
  ]);
});

it('offers no Retry for a message answered in the meantime (409)', async () => {
  answers = [
    () =>
      HttpResponse.json(
        {
          error: {
            code: 'CONFLICT',
            message: 'This message has been answered since; send a new message instead.',
            requestId: 'r3',
          },
        },
        { status: 409 },
      ),
  ];
  const { result } = setup();
  await act(async () =>
    result.current.send({
      employeeId: 'e1',
      sessionId: ids.session_id,
      message: 'Plan Q3',
      answerAgain: ids.user_message_id,
    }),
  );
  expect(result.current.error).toMatchObject({ code: 'CONFLICT' });
  expect(result.current.canRetry).toBe(false);
});

it('hands a message refused for credits back (for the composer), with no Retry as it was', async () => {
  answers = [
    () =>
      HttpResponse.json(
        {
          error: {
            code: 'INSUFFICIENT_CREDITS',
            message: 'Not enough credits.',
            requestId: 'r4',
            details: { available: 10, required: 99 },
          },
        },
        { status: 402 },
      ),
  ];
  const { result } = setup();
  await act(async () => result.current.send({ employeeId: 'e1', message: 'Plan Q3', maxTokens: 4096 }));
  expect(result.current.error).toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
  expect(result.current.canRetry).toBe(false);
  expect(result.current.returned).toEqual({ employeeId: 'e1', message: 'Plan Q3', maxTokens: 4096 });
  expect(bodies).toEqual([{ employee_id: 'e1', message: 'Plan Q3', max_tokens: 4096 }]);
  act(() => result.current.takeBack());
  expect(result.current.returned).toBeNull();
});
