/**
 * The gateway core, shared by `POST /api/llm/:provider` and `POST /api/agents/execute`:
 *
 *   check plan cap and model price → reserve the maximum cost → call the provider →
 *   settle the exact cost (or release on failure) → one token_usage row → usage alerts
 *
 * JSON answers are metered before they are returned. Streams are relayed event by event; if the
 * client goes away mid-stream the provider is drained (up to `drainMs`) so the charge is the
 * provider's exact usage, and only if that cannot be had is the charge estimated from the text
 * (and the usage row marked `estimated`).
 *
 * Every call ends by its deadline (deadline.ts, ADR 0060): the function is killed at the platform's
 * limit, so the provider attempt, its retries, the stream and the drain stop in time to settle. A
 * call the deadline cut is charged for what the provider did — its streamed text, or the whole hold
 * when nothing came back — and says so.
 *
 * The stages, one file each: prepare-call.ts (cap, price, reserve) → complete-json.ts or
 * complete-stream.ts (the provider call; the stream's bookkeeping is the pure reducer of
 * stream-state.ts) → finish-call.ts (settle or release, the usage row, what it cost).
 */
export type { CallResult, CallSpec, CallStatus, GatewayDeps, PreparedCall } from './call';
export { usageToWire } from './call';
export { completeJson, toJsonResponse } from './complete-json';
export { completeStream, drainMs, streamIdleMs, type StreamOptions } from './complete-stream';
export { prepareCall } from './prepare-call';
