/**
 * Every model call of a synchronous function ends before the function does (ADR 0060). The
 * platform kills a synchronous function at its limit (Netlify's SYNCHRONOUS_FUNCTION_TIMEOUT: 30 s
 * locally, the plan's limit in production, FUNCTION_TIMEOUT_SECONDS), and a call still in flight
 * then would never be settled. So each call gets a deadline — the request's start plus the limit
 * minus a margin to settle and answer — and is cut there: the provider attempt, its retries, the
 * stream, the idle wait and the drain after a client left all end by it. Generations longer than
 * that belong to the run engine's background worker (15 minutes).
 */
import { SYNCHRONOUS_FUNCTION_TIMEOUT } from '@netlify/functions';

/** Kept back from the limit for the settlement, the last event and the response. */
export const settleMarginMs = 3_000;

/** The platform's limit for a synchronous function, in milliseconds. */
export const functionLimitMs = (limitSeconds: number | undefined) =>
  (limitSeconds ?? SYNCHRONOUS_FUNCTION_TIMEOUT) * 1000;

/**
 * When a call of a request that started at `startedAt` (epoch ms) must stop. The limit is at least
 * 5 s (env.ts), so at least 2 s are left for the call.
 */
export const callDeadline = (startedAt: number, limitSeconds: number | undefined) =>
  startedAt + functionLimitMs(limitSeconds) - settleMarginMs;

/** An abort signal that fires at `deadline`, and whether it did. */
export interface DeadlineCut {
  readonly signal: AbortSignal;
  /** True once the deadline cut the call (not an abort for another reason). */
  readonly reached: boolean;
  /** Aborts for another reason (the client's drain bound, the idle bound). */
  abort(): void;
  clear(): void;
}

export function deadlineCut(deadline: number): DeadlineCut {
  const controller = new AbortController();
  let reached = false;
  const timer = setTimeout(
    () => {
      reached = true;
      controller.abort();
    },
    Math.max(0, deadline - Date.now()),
  );
  return {
    signal: controller.signal,
    get reached() {
      return reached;
    },
    abort: () => controller.abort(),
    clear: () => clearTimeout(timer),
  };
}
