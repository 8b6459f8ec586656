/**
 * The local LLM upstream: one HTTP server speaking the wire formats of OpenAI, Anthropic, Gemini
 * and Perplexity under a path prefix each, so the official SDKs work against it unchanged by
 * pointing their base URL here (see `baseUrls`). Answers are deterministic (tokens.ts) and
 * failures, latency and stream cuts are asked for in the prompt (scenario.ts).
 *
 * `GET /__stand-in/calls?contains=<text>` counts the calls whose prompt contained <text>, so a
 * test can prove that a request never reached the provider, and lists their `model` and
 * `temperature` (as the provider received them: what a chat's settings came to).
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertPortFree } from '../../ports';
import { anthropicFormat } from './formats/anthropic';
import {
  MalformedRequest,
  type Completion,
  type ProviderName,
  type StandInRequest,
  type WireFormat,
} from './formats/format';
import { googleFormat } from './formats/google';
import { openaiFormat } from './formats/openai';
import { perplexityFormat } from './formats/perplexity';
import { jsonFor, jsonTokens, malformed } from './json-schema';
import { readScenario, withoutFailures, type Scenario, type ScenarioDefaults } from './scenario';
import { answerTokens, countPromptTokens, echoTokens } from './tokens';

export interface LlmStandInOptions extends Partial<ScenarioDefaults> {
  port: number;
  /** Named in the error when the port is taken. */
  portVariable?: string;
  host?: string;
  log?: (line: string) => void;
}

export interface LlmStandIn {
  url: string;
  /** What each provider's SDK takes as its base URL. */
  baseUrls: Record<ProviderName, string>;
  stop(): Promise<void>;
}

interface Route {
  format: WireFormat;
  model?: string;
  stream: boolean;
}

// The SDK's default API version changed from v1beta to v1; both are served.
const googlePath = /^\/google\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

function route(method: string, pathname: string): Route | undefined {
  if (method !== 'POST') return undefined;
  if (pathname === '/openai/v1/chat/completions') return { format: openaiFormat, stream: false };
  // The Agent API: the SDK posts to /v1/responses, Perplexity's docs name /v1/agent canonical.
  if (pathname === '/perplexity/v1/responses' || pathname === '/perplexity/v1/agent')
    return { format: perplexityFormat, stream: false };
  if (pathname === '/anthropic/v1/messages') return { format: anthropicFormat, stream: false };
  const google = googlePath.exec(pathname);
  if (google) {
    return {
      format: googleFormat,
      model: decodeURIComponent(google[1] ?? ''),
      stream: google[2] === 'streamGenerateContent',
    };
  }
  return undefined;
}

const maxBodyBytes = 10 * 1024 * 1024;
const maxLoggedCalls = 20_000;

/** `temperature` (OpenAI, Anthropic, Perplexity) or `generationConfig.temperature` (Gemini). */
function temperatureOf(body: unknown): number | null {
  const record = (body ?? {}) as { temperature?: unknown; generationConfig?: { temperature?: unknown } };
  const value = record.temperature ?? record.generationConfig?.temperature;
  return typeof value === 'number' ? value : null;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new MalformedRequest('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headersOf(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

let sequence = 0;

function complete(
  request: StandInRequest,
  scenario: Scenario,
  provider: ProviderName,
  malformedJson: boolean,
): Completion {
  const limit = request.maxTokens ?? Number.POSITIVE_INFINITY;
  const promptTokens = countPromptTokens(request.system, request.messages);
  sequence += 1;
  const prefix = { openai: 'chatcmpl-', perplexity: '', anthropic: 'msg_', google: '' }[provider];
  let tokens: string[];
  let wanted: number;
  if (request.structured) {
    // Structured output: the JSON document (length given by the schema, not by [[llm:tokens]]).
    const json = jsonFor(request.structured.schema, request.messages.at(-1) ?? '');
    tokens = jsonTokens(malformedJson ? malformed(json) : json);
    wanted = tokens.length;
    tokens = tokens.slice(0, Math.min(tokens.length, limit));
  } else if (scenario.echo) {
    // What the model received, word by word (attachments included).
    const echoed = echoTokens(request.messages.at(-1) ?? '');
    wanted = echoed.length;
    tokens = echoed.slice(0, Math.min(echoed.length, limit));
  } else {
    wanted = scenario.outputTokens;
    tokens = answerTokens(request.messages.at(-1) ?? '', Math.min(scenario.outputTokens, limit));
  }
  return {
    id: `${prefix}standin${Date.now().toString(36)}${sequence.toString(36)}`,
    model: request.model,
    created: Math.floor(Date.now() / 1000),
    tokens,
    finishReason: wanted > limit ? 'length' : 'stop',
    promptTokens,
    cachedTokens: Math.min(scenario.cachedTokens, promptTokens),
    ...(request.structured?.tool ? { toolName: request.structured.tool } : {}),
  };
}

export async function startLlmStandIn(options: LlmStandInOptions): Promise<LlmStandIn> {
  const defaults: ScenarioDefaults = {
    latencyMs: options.latencyMs ?? 0,
    tokensPerSecond: options.tokensPerSecond ?? 0,
  };
  const log = options.log ?? (() => {});
  const calls: string[] = [];
  /** Model and temperature of each logged call, index for index with `calls`. */
  const callSettings: Array<{ model: string | null; temperature: number | null }> = [];
  // Structured calls per conversation (system + first message), for [[llm:bad-json=N]].
  const structuredCalls = new Map<string, number>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/__stand-in/calls') {
      const needle = url.searchParams.get('contains') ?? '';
      const matching = calls.flatMap((prompt, index) =>
        prompt.includes(needle) ? [callSettings[index]] : [],
      );
      sendJson(res, 200, { count: matching.length, calls: matching });
      return;
    }
    const target = route(req.method ?? 'GET', url.pathname);
    if (!target) {
      sendJson(res, 404, { error: { message: `No route for ${req.method} ${url.pathname}` } });
      return;
    }
    const { format } = target;
    const fail = (status: number, message: string) => {
      const reply = format.error(status, message);
      sendJson(res, status, reply.body, reply.headers);
    };

    let request: StandInRequest;
    let temperature: number | null = null;
    try {
      if (!format.authorized(headersOf(req))) return fail(401, 'Missing or invalid API key.');
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (error) {
        if (error instanceof MalformedRequest) return fail(413, error.message);
        return fail(400, 'We could not parse the JSON body of your request.');
      }
      request = format.parse(body, target.model, target.stream);
      temperature = temperatureOf(body);
    } catch (error) {
      if (error instanceof MalformedRequest) return fail(400, error.message);
      throw error;
    }

    const prompt = [request.system ?? '', ...request.messages].join('\n');
    calls.push(prompt);
    callSettings.push({ model: request.model ?? null, temperature });
    if (calls.length > maxLoggedCalls) {
      calls.splice(0, calls.length - maxLoggedCalls);
      callSettings.splice(0, callSettings.length - maxLoggedCalls);
    }
    const asked = readScenario(prompt, defaults);
    const seenBefore =
      asked.failTimes > 0 && calls.filter((call) => call === prompt).length > asked.failTimes;
    const scenario = seenBefore ? withoutFailures(asked) : asked;

    // Stop waiting and writing as soon as the client goes away.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const wait = (ms: number) => (ms > 0 ? sleep(ms, undefined, { signal: gone.signal }) : Promise.resolve());

    if (scenario.hang) {
      await new Promise<void>((resolve) =>
        gone.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      return;
    }
    await wait(scenario.latencyMs);
    if (scenario.status !== undefined)
      return fail(scenario.status, `Stand-in failure ${scenario.status} as requested.`);

    let malformedJson = false;
    if (request.structured && scenario.badJson !== undefined) {
      const conversation = `${request.system ?? ''}\n${request.messages[0] ?? ''}`;
      const seen = structuredCalls.get(conversation) ?? 0;
      structuredCalls.set(conversation, seen + 1);
      malformedJson = seen < scenario.badJson;
    }
    const completion = complete(request, scenario, format.provider, malformedJson);
    if (!request.stream) {
      if (scenario.cutAfter !== undefined) {
        req.socket.destroy();
        return;
      }
      sendJson(res, 200, format.json(completion));
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    for (const frame of format.streamStart(completion)) res.write(frame);
    const gap = scenario.tokensPerSecond > 0 ? 1000 / scenario.tokensPerSecond : 0;
    for (const [index, token] of completion.tokens.entries()) {
      if (scenario.cutAfter === index) {
        // Flush what was written, then drop the connection without finishing the response.
        req.socket.destroySoon();
        return;
      }
      if (scenario.streamErrorAfter === index) {
        const status = format.provider === 'anthropic' ? 529 : 500;
        for (const frame of format.streamError(status, 'Overloaded', index)) res.write(frame);
        res.end();
        return;
      }
      for (const frame of format.streamToken(completion, token, index)) res.write(frame);
      if (gap > 0) await wait(gap);
      if (gone.signal.aborted) return;
    }
    for (const frame of format.streamEnd(completion, request.includeUsage)) res.write(frame);
    res.end();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'AbortError') return;
      log(`[llm stand-in] ${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'stand-in failure' } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await assertPortFree(options.port, options.portVariable ?? 'LOCAL_LLM_PORT', 'LLM stand-in');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });

  const url = `http://${host}:${options.port}`;
  return {
    url,
    baseUrls: {
      openai: `${url}/openai/v1`,
      anthropic: `${url}/anthropic`,
      google: `${url}/google`,
      perplexity: `${url}/perplexity`,
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
