/**
 * How one request should behave, read from magic strings anywhere in the prompt (system or
 * messages), so the behaviour passes unchanged through the gateway and the official SDKs:
 *
 *   [[llm:tokens=40]]        answer with 40 tokens (default 16; capped by max tokens → "length")
 *   [[llm:latency=250]]      wait 250 ms before the first byte
 *   [[llm:rate=50]]          stream 50 tokens per second
 *   [[llm:status=429]]       fail with that HTTP status in the provider's error format
 *   [[llm:hang]]             accept the request and never answer (client timeouts)
 *   [[llm:cut=3]]            drop the connection after 3 streamed tokens (JSON: before answering)
 *   [[llm:stream-error=3]]   send the provider's in-stream error event after 3 tokens
 *   [[llm:cached=20]]        report 20 of the prompt tokens as cached
 *   [[llm:once]]             the failures above (status, hang, cut, stream-error) only on the
 *                            first call with this exact prompt: a retry of it succeeds
 *   [[llm:once=3]]           ... only on the first 3 calls with this exact prompt
 *   [[llm:echo]]             answer with the last message itself, word by word (what the model
 *                            received: attachments included), capped by max tokens
 *   [[llm:bad-json]]         a structured-output answer that is not valid JSON (cut in half)
 *   [[llm:bad-json=1]]       ... only for the first N structured calls of a conversation (same
 *                            first message), so a repair that continues it gets valid JSON
 *
 * Server-wide defaults (latency, rate) come from the stand-in's options, for the benchmark.
 */
import { defaultAnswerTokens } from './tokens';

export interface Scenario {
  outputTokens: number;
  latencyMs: number;
  tokensPerSecond: number;
  status?: number;
  hang: boolean;
  cutAfter?: number;
  streamErrorAfter?: number;
  cachedTokens: number;
  /** Fail only the first call with this prompt. */
  /** Fail (status, hang, cut, stream-error) only this many calls with the exact prompt; 0: always. */
  failTimes: number;
  /** Answer with the last message's own text. */
  echo: boolean;
  /** Structured answers are malformed: for the first N calls of a conversation (Infinity: always). */
  badJson?: number;
}

export interface ScenarioDefaults {
  latencyMs: number;
  /** 0 streams as fast as the socket takes it. */
  tokensPerSecond: number;
}

const directive = /\[\[llm:([a-z-]+)(?:=(\d+))?\]\]/g;

export function readScenario(promptText: string, defaults: ScenarioDefaults): Scenario {
  const scenario: Scenario = {
    outputTokens: defaultAnswerTokens,
    latencyMs: defaults.latencyMs,
    tokensPerSecond: defaults.tokensPerSecond,
    hang: false,
    cachedTokens: 0,
    failTimes: 0,
    echo: false,
  };
  for (const [, name, raw] of promptText.matchAll(directive)) {
    const value = raw === undefined ? undefined : Number(raw);
    switch (name) {
      case 'tokens':
        if (value !== undefined) scenario.outputTokens = value;
        break;
      case 'latency':
        if (value !== undefined) scenario.latencyMs = value;
        break;
      case 'rate':
        if (value !== undefined) scenario.tokensPerSecond = value;
        break;
      case 'status':
        scenario.status = value;
        break;
      case 'hang':
        scenario.hang = true;
        break;
      case 'cut':
        scenario.cutAfter = value ?? 0;
        break;
      case 'stream-error':
        scenario.streamErrorAfter = value ?? 0;
        break;
      case 'cached':
        if (value !== undefined) scenario.cachedTokens = value;
        break;
      case 'once':
        scenario.failTimes = value ?? 1;
        break;
      case 'echo':
        scenario.echo = true;
        break;
      case 'bad-json':
        scenario.badJson = value ?? Number.POSITIVE_INFINITY;
        break;
      default:
        break;
    }
  }
  return scenario;
}

/** The scenario without its failures (a `once` prompt seen before). */
export const withoutFailures = ({
  status: _status,
  cutAfter: _cut,
  streamErrorAfter: _error,
  ...rest
}: Scenario): Scenario => ({
  ...rest,
  hang: false,
});
