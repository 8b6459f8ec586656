/**
 * POST /api/llm/:provider end to end: the function with real Requests, the real database and
 * billing functions, and each provider's official SDK talking to the stand-in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { answerTokens, countPromptTokens, defaultAnswerTokens } from '../../../dev/stand-ins/llm/tokens';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { llmProviderNames, type LlmJsonResponse } from '../../../src/shared/llm-contract';
import { readError } from '../http/helpers';
import {
  available,
  eventually,
  jsonRequest,
  models,
  netlifyContext,
  newCaller,
  priceOf,
  readEvents,
  standInCalls,
  testDb,
  uniqueTag,
  usageRows,
  type Caller,
} from './harness';

afterAll(async () => {
  await testDb().end();
});

type Provider = (typeof llmProviderNames)[number];

function call(provider: string, caller: Caller, body: unknown) {
  return llmProxy(
    jsonRequest(`/api/llm/${provider}`, body, { token: caller.token }),
    netlifyContext({ params: { provider } }),
  );
}

const prompt = (content: string) => ({ messages: [{ role: 'user', content }], max_tokens: 256 });

describe.each(llmProviderNames)('%s through the gateway', (provider: Provider) => {
  const model = models[provider];

  it('answers JSON, charges the exact price of the reported usage and records one usage row', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const content = `Plan the launch ${uniqueTag()}`;
    const response = await call(provider, caller, { model, system: 'Be brief.', ...prompt(content) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as LlmJsonResponse;

    const usage = {
      input_tokens: countPromptTokens('Be brief.', [content]),
      output_tokens: defaultAnswerTokens,
      cached_input_tokens: 0,
    };
    const credits = await priceOf(provider, model, usage);
    expect(credits).toBeGreaterThan(0);
    expect(body).toEqual({
      id: expect.any(String),
      provider,
      model,
      content: answerTokens(content, defaultAnswerTokens).join(''),
      finish_reason: 'stop',
      usage,
      credits_charged: credits,
      balance: before - credits,
    });
    expect(await available(caller.id)).toBe(before - credits);
    expect(await usageRows(caller.id)).toEqual([
      expect.objectContaining({
        request_id: body.id,
        provider,
        model,
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        credits_charged: credits,
        status: 'ok',
        estimated: false,
        latency_ms: expect.any(Number),
      }),
    ]);
  });

  it('streams delta, usage and done events and meters the streamed usage exactly', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const content = `Stream the plan [[llm:tokens=9]] [[llm:cached=3]] ${uniqueTag()}`;
    const response = await call(provider, caller, { model, ...prompt(content), stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);

    const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    expect(deltas.join('')).toBe(answerTokens(content, 9).join(''));
    const usage = {
      input_tokens: countPromptTokens(undefined, [content]) - 3,
      output_tokens: 9,
      cached_input_tokens: 3,
    };
    const credits = await priceOf(provider, model, usage);
    expect(events.slice(-2)).toEqual([
      { event: 'usage', data: usage },
      { event: 'done', data: { finish_reason: 'stop', credits_charged: credits, balance: before - credits } },
    ]);
    const [row] = await usageRows(caller.id);
    expect(row).toMatchObject({ cached_tokens: 3, credits_charged: credits, status: 'ok', estimated: false });
  });

  it('charges nothing when the provider fails before answering', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const response = await call(provider, caller, { model, ...prompt('[[llm:status=500]]') });
    expect(response.status).toBe(502);
    expect((await readError(response)).code).toBe('UPSTREAM_FAILED');
    expect(await available(caller.id)).toBe(before);
    expect(await usageRows(caller.id)).toEqual([
      expect.objectContaining({ status: 'error', credits_charged: 0 }),
    ]);
  });

  it('bills an estimate, marked as such, when the provider stream is cut mid-way', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const response = await call(provider, caller, { model, ...prompt('cut [[llm:cut=4]]'), stream: true });
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(events.filter((e) => e.event === 'delta')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { error: { code: 'UPSTREAM_FAILED' } } });
    const [row] = await usageRows(caller.id);
    expect(row).toMatchObject({ status: 'error', estimated: true });
    expect(row?.credits_charged).toBeGreaterThan(0);
    expect(await available(caller.id)).toBe(before - (row?.credits_charged ?? 0));
  });
});

describe('provider failures', () => {
  it('maps a provider 429 to 503 with Retry-After and a provider 400 to 400, charging nothing', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const busy = await call('anthropic', caller, {
      model: models.anthropic,
      ...prompt('[[llm:status=429]]'),
    });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    const rejected = await call('openai', caller, {
      model: models.openai,
      ...prompt('[[llm:status=400]]'),
      stream: true,
    });
    expect(rejected.status).toBe(400);
    expect((await readError(rejected)).code).toBe('VALIDATION_FAILED');
    expect(await available(caller.id)).toBe(before);
  });

  it('keeps draining a stream the client stopped and settles its exact usage', async () => {
    const caller = await newCaller();
    const response = await call('openai', caller, {
      model: models.openai,
      ...prompt('slow [[llm:rate=40]] [[llm:tokens=24]]'),
      stream: true,
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();

    const row = await eventually(async () => (await usageRows(caller.id))[0]);
    expect(row).toMatchObject({ status: 'stopped', estimated: false, output_tokens: 24 });
    expect(row.credits_charged).toBe(
      await priceOf('openai', models.openai, {
        input_tokens: row.input_tokens,
        output_tokens: 24,
        cached_input_tokens: 0,
      }),
    );
  });
});

describe('request validation', () => {
  it('refuses malformed, oversize and unknown-model requests before any provider call', async () => {
    // The max plan's 120 calls a minute: every case counts against the rate limit.
    const caller = await newCaller({ plan: 'max' });
    const tag = uniqueTag();
    const cases: Array<[string, unknown, number]> = [
      ['openai', { model: models.openai, messages: [] }, 400],
      ['openai', { model: models.openai, messages: [{ role: 'system', content: tag }] }, 400],
      ['openai', { model: models.openai, messages: [{ role: 'assistant', content: tag }] }, 400],
      ['openai', { model: models.openai, ...prompt(tag), max_tokens: 0 }, 400],
      ['openai', { model: models.openai, ...prompt(tag), extra: true }, 400],
      [
        'openai',
        {
          model: models.openai,
          messages: Array.from({ length: 101 }, () => ({ role: 'user', content: tag })),
        },
        400,
      ],
      ['openai', { model: 'gpt-unknown', ...prompt(tag) }, 400],
      ['openai', { model: `${models.openai}\u0000`, ...prompt(tag) }, 400],
      ['openai', { model: `${models.openai}'; select 1`, ...prompt(tag) }, 400],
      ['openai', { model: models.openai, ...prompt(`${tag} \u0000`) }, 400],
      ['openai', { model: models.openai, ...prompt(tag), system: 'a\u0000b' }, 400],
      ['openai', { model: models.anthropic, ...prompt(tag) }, 400],
      ['mistral', { model: models.openai, ...prompt(tag) }, 400],
      ['openai', { model: models.openai, ...prompt(`${tag} ${'x'.repeat(1_100_000)}`) }, 413],
    ];
    for (const [provider, body, status] of cases) {
      const response = await call(provider, caller, body);
      expect({ body, status: response.status }).toMatchObject({ status });
    }
    const broken = await llmProxy(
      new Request('http://localhost/api/llm/openai', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.token}` },
        body: '{"model": ',
      }),
      netlifyContext({ params: { provider: 'openai' } }),
    );
    expect(broken.status).toBe(400);
    expect(await standInCalls(tag)).toBe(0);
  });

  it('caps max_tokens by plan, holding nothing for a refused request', async () => {
    const free = await newCaller({ plan: 'free' });
    const pro = await newCaller({ plan: 'pro' });
    const before = await available(free.id);
    const tag = uniqueTag();
    const overFree = await call('openai', free, { model: models.openai, ...prompt(tag), max_tokens: 5_000 });
    expect(overFree.status).toBe(400);
    expect((await readError(overFree)).details).toEqual([
      { path: 'max_tokens', message: 'At most 4096 on the free plan.' },
    ]);
    expect(await available(free.id)).toBe(before);
    expect(await standInCalls(tag)).toBe(0);
    expect(await usageRows(free.id)).toEqual([]);
    expect(
      (await call('openai', pro, { model: models.openai, ...prompt('hi'), max_tokens: 5_000 })).status,
    ).toBe(200);
    expect(
      (await call('openai', pro, { model: models.openai, ...prompt('hi'), max_tokens: 20_000 })).status,
    ).toBe(400);
  });

  it('answers the plan cap (400), not 402, to a request over the cap that the balance cannot cover', async () => {
    const broke = await newCaller({ plan: 'free', allowance: 0 });
    const response = await call('openai', broke, {
      model: models.openai,
      ...prompt('hi'),
      max_tokens: 5_000,
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).details).toEqual([
      { path: 'max_tokens', message: 'At most 4096 on the free plan.' },
    ]);
  });

  it('refuses with 402 before calling the provider when the balance cannot cover the call', async () => {
    const broke = await newCaller({ allowance: 0 });
    const tag = uniqueTag();
    const response = await call('openai', broke, { model: models.openai, ...prompt(tag) });
    expect(response.status).toBe(402);
    const error = await readError(response);
    expect(error.code).toBe('INSUFFICIENT_CREDITS');
    expect(error.details).toMatchObject({ available: 0, required: expect.any(Number) });
    expect(await standInCalls(tag)).toBe(0);
    expect(await usageRows(broke.id)).toEqual([]);
  });

  it('refuses callers without a valid session', async () => {
    const response = await llmProxy(
      jsonRequest('/api/llm/openai', { model: models.openai, ...prompt('hi') }),
      netlifyContext({ params: { provider: 'openai' } }),
    );
    expect(response.status).toBe(401);
  });
});

describe('concurrency', () => {
  it('never overspends: 100 concurrent calls against a balance that covers 10', async () => {
    const caller = await newCaller({ plan: 'max', allowance: 1_000_000 });
    const body = { model: models.openai, ...prompt('Concurrent [[llm:tokens=8]]') };
    // One call to learn what a call reserves.
    const first = (await (await call('openai', caller, body)).json()) as LlmJsonResponse;
    const { rows } = await testDb().query<{ amount: string }>(
      'select amount from public.credit_reservations where request_id = $1',
      [first.id],
    );
    const hold = Number(rows[0]?.amount);
    await testDb().query(`select billing.grant_allowance($1, $2, now(), now() + interval '1 month', $3)`, [
      caller.id,
      hold * 10,
      `test-allowance-2:${caller.id}`,
    ]);

    const responses = await Promise.all(Array.from({ length: 100 }, () => call('openai', caller, body)));
    const statuses = responses.map((r) => r.status);
    await Promise.all(responses.map((r) => r.body?.cancel()));
    expect(statuses.filter((s) => s !== 200 && s !== 402)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 402).length).toBeGreaterThan(0);

    const { rows: account } = await testDb().query<{
      allowance: string;
      purchased: string;
      reserved: string;
    }>(
      'select allowance_balance as allowance, purchased_balance as purchased, reserved_balance as reserved from public.credit_accounts where user_id = $1',
      [caller.id],
    );
    const { rows: ledger } = await testDb().query<{ allowance: string; purchased: string }>(
      `select coalesce(sum(amount) filter (where bucket = 'allowance'), 0) as allowance,
              coalesce(sum(amount) filter (where bucket = 'purchased'), 0) as purchased
       from public.credit_ledger where user_id = $1`,
      [caller.id],
    );
    expect(Number(account[0]?.reserved)).toBe(0);
    expect(Number(account[0]?.allowance)).toBeGreaterThanOrEqual(0);
    expect(Number(ledger[0]?.allowance)).toBe(Number(account[0]?.allowance));
    expect(Number(ledger[0]?.purchased)).toBe(Number(account[0]?.purchased));
    const usage = await usageRows(caller.id);
    const charged = usage.slice(1).reduce((sum, row) => sum + row.credits_charged, 0);
    expect(hold * 10 - charged).toBe(Number(account[0]?.allowance));
  });
});
