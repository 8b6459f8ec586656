/**
 * Stage 2 for a stream: the provider's events relayed as SSE as they arrive, the bookkeeping in the
 * pure reducer of stream-state.ts. The response starts once the first event arrived, so a provider
 * that fails before any output gets a proper HTTP error instead of a 200 with an error event. A
 * client that leaves is drained (up to `drainMs`) for the exact usage; the deadline, the idle bound
 * and the drain bound all end the provider stream through one signal.
 */
import type { CallResult, GatewayDeps, PreparedCall } from './call';
import { deadlineCut } from './deadline';
import { asProviderError, deadlineFailure, finishCall, nothing } from './finish-call';
import type { ProviderError } from './provider-error';
import { SseWriter, sseHeaders } from './sse';
import { closingEvent, initialStreamState, reduceStream, type SseEvent } from './stream-state';
import { providerFailureToApiError } from './to-api-error';
import type { ProviderEvent } from './types';

/** How long the provider is drained after the client left, to meter its exact usage. */
export const drainMs = 60_000;
/** How often a stream asks whether the caller requested a stop. */
const stopCheckMs = 1_000;
/** A stream with no event for this long is given up (the SDK timeouts end at the headers). */
export const streamIdleMs = 60_000;

export interface StreamOptions {
  /** Events sent before the first delta (agents send the session ids). */
  prelude?: (writer: SseWriter) => void;
  /**
   * Whether the caller asked to stop (agents: the stop endpoint marked the answer), checked at most
   * once a second while tokens arrive. Platforms do not always report a client that went away, so
   * an explicit stop is treated like one.
   */
  stopRequested?: () => Promise<boolean>;
  /** Runs once when the client leaves mid-stream, with what it had received (agents mark the answer stopped). */
  onClientGone?: (deliveredContent: string) => Promise<void>;
  /** Runs after metering, before the final event (agents persist the answer). */
  onFinish?: (result: CallResult) => Promise<void>;
}

/**
 * Starts the provider stream and answers with an SSE response once its first event arrived, so a
 * provider that fails before any output gets a proper HTTP error (and no charge) instead of a 200
 * with an error event.
 */
export async function completeStream(
  deps: GatewayDeps,
  call: PreparedCall,
  options: StreamOptions = {},
): Promise<Response> {
  // One signal ends the provider stream: the deadline, the idle bound or the drain bound.
  const upstream = deadlineCut(call.deadline);
  // The idle bound: one timer that re-arms itself for what is left when it fires, rather than a
  // clearTimeout + setTimeout pair per token (32 streams at 200 tokens/s are 6,400 pairs a second).
  let idleTimer: NodeJS.Timeout | undefined;
  let lastEventAt = Date.now();
  const armIdle = (ms: number) => {
    idleTimer = setTimeout(() => {
      const idle = Date.now() - lastEventAt;
      if (idle >= streamIdleMs) upstream.abort();
      else armIdle(streamIdleMs - idle);
    }, ms);
  };
  const stillAlive = () => {
    lastEventAt = Date.now();
    if (idleTimer === undefined) armIdle(streamIdleMs);
  };
  const events = call.client.stream(call.providerRequest, upstream.signal)[Symbol.asyncIterator]();
  let first: IteratorResult<ProviderEvent>;
  try {
    stillAlive();
    first = await events.next();
  } catch (error) {
    clearTimeout(idleTimer);
    upstream.clear();
    const failure = upstream.reached ? deadlineFailure(error) : asProviderError(error);
    const result = await finishCall(deps, call, { ...nothing, failure, cutAtDeadline: upstream.reached });
    await options.onFinish?.(result);
    throw providerFailureToApiError(failure, result.creditsCharged);
  }

  let drainTimer: NodeJS.Timeout | undefined;
  let state = initialStreamState;
  const writer = new SseWriter(() => {
    drainTimer = setTimeout(() => upstream.abort(), drainMs);
    options
      .onClientGone?.(state.deliveredContent)
      .catch((error: unknown) =>
        deps.log.error('could not record a stopped stream', { callId: call.callId, error }),
      );
  });
  deps.clientSignal?.addEventListener('abort', () => writer.markGone(), { once: true });
  const send = (event: SseEvent) => writer.send(event.event, event.data as never);

  const relay = async () => {
    let failure: ProviderError | undefined;
    const apply = (event: ProviderEvent) => {
      stillAlive();
      const next = reduceStream(state, event, writer.clientGone);
      state = next.state;
      if (next.send) send(next.send);
    };
    try {
      options.prelude?.(writer);
      if (!first.done) apply(first.value);
      let stopCheckedAt = Date.now();
      for (let next = await events.next(); !next.done; next = await events.next()) {
        apply(next.value);
        if (options.stopRequested && !writer.clientGone && Date.now() - stopCheckedAt >= stopCheckMs) {
          stopCheckedAt = Date.now();
          if (await options.stopRequested()) {
            writer.markGone();
            writer.close();
          }
        }
      }
    } catch (error) {
      failure = upstream.reached ? deadlineFailure(error) : asProviderError(error);
    } finally {
      clearTimeout(drainTimer);
      clearTimeout(idleTimer);
      upstream.clear();
    }

    const result = await finishCall(deps, call, {
      ...state,
      failure,
      clientGone: writer.clientGone,
      cutAtDeadline: upstream.reached,
    });
    try {
      await options.onFinish?.(result);
    } catch (error) {
      deps.log.error('could not persist a finished model call', { callId: call.callId, error });
    }
    send(closingEvent(state, result, writer.clientGone ? undefined : failure, deps.requestId));
    writer.close();
  };

  const relaying = relay().catch((error: unknown) => {
    deps.log.error('stream relay failed', { callId: call.callId, error });
    writer.close();
  });
  deps.waitUntil?.(relaying);
  return new Response(writer.body, { status: 200, headers: sseHeaders });
}
