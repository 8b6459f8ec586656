/**
 * Each provider adapter through its official SDK against the local stand-in, which speaks the
 * provider's real wire format: JSON and streams normalise to the same completion, usage is the
 * provider's exact report, and every failure mode becomes the same ProviderError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../dev/ports';
import { startLlmStandIn, type LlmStandIn } from '../../../dev/stand-ins/llm/server';
import { answerTokens, countPromptTokens, defaultAnswerTokens } from '../../../dev/stand-ins/llm/tokens';
import { ProviderError } from '../../../netlify/lib/llm/provider-error';
import { createProviderClient } from '../../../netlify/lib/llm/providers';
import { llmProviderNames } from '../../../src/shared/llm-contract';
import { type LlmProvider, type ProviderEvent, type ProviderRequest } from '../../../netlify/lib/llm/types';

let standIn: LlmStandIn;

beforeAll(async () => {
  standIn = await startLlmStandIn({ port: await freePort() });
});
afterAll(() => standIn.stop());

const client = (provider: LlmProvider, timeoutMs = 10_000) =>
  createProviderClient(provider, {
    apiKey: 'test-key',
    baseUrl: standIn.baseUrls[provider],
    timeoutMs,
    maxRetries: 0,
  });

const request = (content: string, extra: Partial<ProviderRequest> = {}): ProviderRequest => ({
  model: 'stand-in-model',
  system: 'You are terse.',
  messages: [
    { role: 'user', content: 'Hello there' },
    { role: 'assistant', content: 'Hi.' },
    { role: 'user', content },
  ],
  maxTokens: 256,
  ...extra,
});

async function collect(events: AsyncIterable<ProviderEvent>) {
  const seen: ProviderEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

async function failure(run: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected the call to fail');
}

const promptTokens = (content: string) =>
  countPromptTokens('You are terse.', ['Hello there', 'Hi.', content]);

describe.each(llmProviderNames)('%s adapter', (provider) => {
  it('answers JSON with the exact reported usage', async () => {
    const content = `Summarise the plan (${provider} json)`;
    const completion = await client(provider).complete(request(content), new AbortController().signal);
    expect(completion).toEqual({
      content: answerTokens(content, defaultAnswerTokens).join(''),
      finishReason: 'stop',
      usage: { inputTokens: promptTokens(content), outputTokens: defaultAnswerTokens, cachedInputTokens: 0 },
    });
  });

  it('streams deltas, then the exact usage, then the finish reason', async () => {
    const content = `Stream it (${provider}) [[llm:tokens=7]]`;
    const events = await collect(client(provider).stream(request(content), new AbortController().signal));
    const deltas = events.filter((e) => e.type === 'delta').map((e) => (e.type === 'delta' ? e.text : ''));
    expect(deltas).toEqual(answerTokens(content, 7));
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: promptTokens(content), outputTokens: 7, cachedInputTokens: 0 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('separates cached input tokens and reports the output limit as "length"', async () => {
    const content = `Long one [[llm:tokens=50]] [[llm:cached=6]]`;
    const events = await collect(
      client(provider).stream(request(content, { maxTokens: 5 }), new AbortController().signal),
    );
    expect(events.slice(-2)).toEqual([
      {
        type: 'usage',
        usage: { inputTokens: promptTokens(content) - 6, outputTokens: 5, cachedInputTokens: 6 },
      },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it.each([
    [400, 'rejected'],
    [429, 'rate_limited'],
    [500, 'failed'],
  ] as const)('maps an upstream %i to "%s"', async (status, kind) => {
    const error = await failure(() =>
      client(provider).complete(request(`[[llm:status=${status}]]`), new AbortController().signal),
    );
    expect(error).toMatchObject({ kind, status });
    if (status === 429 && provider !== 'google') expect(error.retryAfterSeconds).toBe(1);
  });

  it('fails a stream that fails before its first token the same way', async () => {
    const error = await failure(() =>
      collect(client(provider).stream(request('[[llm:status=503]]'), new AbortController().signal)),
    );
    expect(error).toMatchObject({ kind: 'failed', status: 503 });
  });

  it('times out on a provider that never answers', async () => {
    const error = await failure(() =>
      client(provider, 300).complete(request('[[llm:hang]]'), new AbortController().signal),
    );
    expect(error.kind).toBe('timeout');
  });

  it('fails a stream cut mid-way after the deltas it did deliver', async () => {
    const seen: string[] = [];
    const error = await failure(async () => {
      for await (const event of client(provider).stream(
        request('cut [[llm:cut=3]]'),
        new AbortController().signal,
      )) {
        if (event.type === 'delta') seen.push(event.text);
      }
    });
    expect(error.kind).toBe('failed');
    expect(seen).toHaveLength(3);
  });

  it('fails on an in-stream error event', async () => {
    const error = await failure(() =>
      collect(client(provider).stream(request('oops [[llm:stream-error=2]]'), new AbortController().signal)),
    );
    expect(['failed', 'rate_limited']).toContain(error.kind);
  });

  it('stops when the caller aborts', async () => {
    const abort = new AbortController();
    const error = await failure(async () => {
      for await (const event of client(provider).stream(
        request('slow [[llm:rate=20]] [[llm:tokens=40]]'),
        abort.signal,
      )) {
        if (event.type === 'delta') abort.abort();
      }
    });
    expect(error.kind).toBe('aborted');
  });

  it("refuses a malformed request with the provider's 400", async () => {
    const error = await failure(() =>
      client(provider).complete(request('x', { maxTokens: 0 }), new AbortController().signal),
    );
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
  });
});

describe('perplexity on the Agent API', () => {
  const calls = async (tag: string) => {
    const response = await fetch(`${standIn.url}/__stand-in/calls?contains=${encodeURIComponent(tag)}`);
    return ((await response.json()) as { calls: Array<{ model: string; temperature: number | null }> }).calls;
  };

  it("names the catalog's model as the Agent API does and sends the system prompt and settings", async () => {
    const tag = `agent-${crypto.randomUUID()}`;
    const completion = await client('perplexity').complete(
      request(`${tag} [[llm:echo]]`, { model: 'sonar', temperature: 0.3 }),
      new AbortController().signal,
    );
    // Only the message's text: the search results item before it is not part of the answer.
    expect(completion.content).toBe(`${tag} [[llm:echo]]`);
    expect(await calls(tag)).toEqual([{ model: 'perplexity/sonar', temperature: 0.3 }]);
    expect(completion.usage?.inputTokens).toBe(promptTokens(`${tag} [[llm:echo]]`));
  });

  it('answers a structured request with JSON of its schema, streamed as deltas', async () => {
    const schema = {
      type: 'object',
      properties: { title: { type: 'string' }, steps: { type: 'array', items: { type: 'string' } } },
      required: ['title', 'steps'],
      additionalProperties: false,
    };
    const events = await collect(
      client('perplexity').stream(
        request('Plan it', { responseFormat: { name: 'plan', schema } }),
        new AbortController().signal,
      ),
    );
    const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(JSON.parse(text)).toEqual({ title: expect.any(String), steps: expect.any(Array) });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });
});

describe('anthropic structured output', () => {
  const schema = {
    type: 'object',
    properties: { title: { type: 'string' } },
    required: ['title'],
    additionalProperties: false,
  };
  const ask = (model: string) => request('Plan it', { model, responseFormat: { name: 'plan', schema } });

  // The stand-in refuses a forced tool on Claude Sonnet 5.5 as Anthropic does: a 400 here would fail.
  it.each(['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-4-5'])(
    '%s answers JSON of the schema, as JSON and as a stream',
    async (model) => {
      const completion = await client('anthropic').complete(ask(model), new AbortController().signal);
      expect(JSON.parse(completion.content)).toEqual({ title: expect.any(String) });
      const events = await collect(client('anthropic').stream(ask(model), new AbortController().signal));
      const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
      expect(JSON.parse(text)).toEqual({ title: expect.any(String) });
    },
  );
});
