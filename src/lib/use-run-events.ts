/**
 * The live log of a run (public.run_events), for any view that follows a run: it reads every
 * event after the last one it has (`seq > last`) — all of them after a reload — and keeps
 * following until the run is closed. It follows the run's private Realtime topic `run:<id>` (a
 * trigger broadcasts each new event on commit; only the run's owner may join — migration
 * 20261203150100): each broadcast, or a rejoin after a gap, reads what is after `last`. While the
 * topic is not joined it polls once a second instead.
 */
import { useEffect, useReducer } from 'react';
import { z } from 'zod';
import { runEventTypes } from '@/shared/runs-contract';
import { watchSource } from './live/live-channels';
import { supabase } from './supabase';
import { unwrap } from './supabase-result';

export const runEventSchema = z.object({
  seq: z.number(),
  type: z.enum(runEventTypes),
  step_key: z.string().nullable(),
  attempt: z.number().nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export type RunEvent = z.infer<typeof runEventSchema>;

/** Polling while the run's topic is not joined. */
const pollMs = 1_000;
/** A read now and then even while joined, in case a broadcast was lost. */
const livePollMs = 15_000;
const pageSize = 500;

/** The events of `runId` after `afterSeq`, oldest first (one page). */
export async function fetchRunEvents(
  runId: string,
  afterSeq: number,
  signal?: AbortSignal,
): Promise<RunEvent[]> {
  let query = supabase
    .from('run_events')
    .select('seq, type, step_key, attempt, data, created_at')
    .eq('run_id', runId)
    .gt('seq', afterSeq)
    .order('seq')
    .limit(pageSize);
  if (signal) query = query.abortSignal(signal);
  return runEventSchema.array().parse(unwrap(await query));
}

/** A run is closed once its hold is released: nothing more will be logged. */
export const isClosedEvent = (event: RunEvent) => event.type === 'run_status' && event.data.closed === true;

interface State {
  runId: string;
  events: RunEvent[];
  error: unknown;
}

type Action =
  | { type: 'reset'; runId: string }
  | { type: 'received'; runId: string; events: RunEvent[] }
  | { type: 'failed'; runId: string; error: unknown };

function reduce(state: State, action: Action): State {
  if (action.type === 'reset') return { runId: action.runId, events: [], error: undefined };
  if (action.runId !== state.runId) return state;
  if (action.type === 'failed') return { ...state, error: action.error };
  const last = state.events.at(-1)?.seq ?? 0;
  const fresh = action.events.filter((event) => event.seq > last);
  return fresh.length === 0 && state.error === undefined
    ? state
    : { ...state, events: [...state.events, ...fresh], error: undefined };
}

export interface RunEventsResult {
  events: RunEvent[];
  /** The last read failed (it is tried again on the next poll or broadcast). */
  error: unknown;
  closed: boolean;
  loaded: boolean;
}

export function useRunEvents(runId: string): RunEventsResult {
  const [state, dispatch] = useReducer(reduce, { runId, events: [], error: undefined });
  const [loaded, markLoaded] = useReducer((_: boolean, next: boolean) => next, false);
  if (state.runId !== runId) dispatch({ type: 'reset', runId });
  const closed = state.runId === runId && state.events.some(isClosedEvent);

  useEffect(() => {
    if (closed) return;
    const controller = new AbortController();
    let last = state.runId === runId ? (state.events.at(-1)?.seq ?? 0) : 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = false;
    let reading = false;
    let readAgain = false;
    let done = false;
    const read = async () => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      clearTimeout(timer);
      try {
        // Catch up page by page.
        for (;;) {
          const events = await fetchRunEvents(runId, last, controller.signal);
          if (controller.signal.aborted) return;
          dispatch({ type: 'received', runId, events });
          markLoaded(true);
          last = events.at(-1)?.seq ?? last;
          if (events.some(isClosedEvent)) {
            done = true;
            return;
          }
          if (events.length < pageSize) break;
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        dispatch({ type: 'failed', runId, error });
        markLoaded(true);
      } finally {
        reading = false;
      }
      if (readAgain) {
        readAgain = false;
        void read();
        return;
      }
      if (!done) timer = setTimeout(() => void read(), live ? livePollMs : pollMs);
    };
    const leave = watchSource(
      { topic: `run:${runId}` },
      {
        onChange: () => void read(),
        onResumed: () => void read(),
        onState: (next) => {
          const wasLive = live;
          live = next === 'live';
          // Lost the topic: go back to polling at once rather than after the long live interval.
          if (wasLive && !live && !reading && !done) {
            clearTimeout(timer);
            timer = setTimeout(() => void read(), pollMs);
          }
        },
      },
    );
    void read();
    return () => {
      controller.abort();
      clearTimeout(timer);
      leave();
    };
    // Restarts only for another run or once closed; `last` carries on inside the effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, closed]);

  return { events: state.runId === runId ? state.events : [], error: state.error, closed, loaded };
}
