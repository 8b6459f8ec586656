/**
 * The live log hook against PostgREST's wire format (msw): it reads only what is new
 * (`seq=gt.<last>`), keeps what it had, and stops polling once the run is closed.
 */
import { renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useRunEvents } from './use-run-events';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const runId = '0b6a3d0e-5a55-4c1e-9a51-3c3f0a1d2e11';
const event = (seq: number, type: string, data: Record<string, unknown> = {}) => ({
  seq,
  type,
  step_key: type === 'run_status' ? null : 'plan',
  attempt: type === 'run_status' ? null : 1,
  data,
  created_at: '2026-12-03T10:00:00Z',
});
const log = [
  event(1, 'run_started'),
  event(2, 'step_delta', { text: 'Hel' }),
  event(3, 'step_finished', { status: 'completed' }),
  event(4, 'run_status', { status: 'completed', closed: true }),
];

describe('useRunEvents', () => {
  it('catches up, follows what is new only, and stops once the run is closed', async () => {
    const asked: string[] = [];
    let available = 2;
    server.use(
      http.get('*/rest/v1/run_events', ({ request }) => {
        const url = new URL(request.url);
        expect(url.searchParams.get('run_id')).toBe(`eq.${runId}`);
        const after = Number(url.searchParams.get('seq')?.replace('gt.', ''));
        asked.push(`gt.${after}`);
        const page = log.slice(0, available).filter((e) => e.seq > after);
        available = log.length;
        return HttpResponse.json(page);
      }),
    );
    const { result } = renderHook(() => useRunEvents(runId));
    await waitFor(() => expect(result.current.events.map((e) => e.seq)).toEqual([1, 2]));
    expect(result.current).toMatchObject({ closed: false, loaded: true });
    await waitFor(() => expect(result.current.closed).toBe(true), { timeout: 3_000 });
    expect(result.current.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual(['gt.0', 'gt.2']);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(asked).toHaveLength(2);
  });
});
