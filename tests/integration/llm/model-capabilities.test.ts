/**
 * Request shapes a model refuses (ADR 0087), through POST /api/llm/:provider with the real
 * database and the stand-in, which answers Claude 5.x the way Anthropic does: a non-default
 * temperature or a forced tool is a 400. The proxy refuses such a setting itself, before anything
 * is reserved or sent; the default value passes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { readError } from '../http/helpers';
import {
  available,
  jsonRequest,
  netlifyContext,
  newCaller,
  standInCalls,
  testDb,
  uniqueTag,
  usageRows,
  type Caller,
} from './harness';

afterAll(() => testDb().end());

function call(provider: string, caller: Caller, body: unknown) {
  return llmProxy(
    jsonRequest(`/api/llm/${provider}`, body, { token: caller.token }),
    netlifyContext({ params: { provider } }),
  );
}

async function reservations(userId: string): Promise<number> {
  const { rows } = await testDb().query<{ n: number }>(
    'select count(*)::int as n from public.credit_reservations where user_id = $1',
    [userId],
  );
  return rows[0]?.n ?? -1;
}

/** The temperatures the provider received for calls whose prompt contained `tag`. */
async function temperaturesReceived(tag: string) {
  const base = new URL(process.env.OPENAI_BASE_URL ?? '').origin;
  const response = await fetch(`${base}/__stand-in/calls?contains=${encodeURIComponent(tag)}`);
  const body = (await response.json()) as { calls: Array<{ temperature: number | null }> };
  return body.calls.map((c) => c.temperature);
}

const ask = (content: string, extra: Record<string, unknown>) => ({
  messages: [{ role: 'user', content }],
  max_tokens: 64,
  ...extra,
});

describe('a temperature on a model that takes only its default', () => {
  it.each(['claude-sonnet-5-5', 'claude-opus-5-5'])(
    '%s: our 400 naming the parameter, nothing reserved, charged or sent',
    async (model) => {
      const caller = await newCaller();
      const before = await available(caller.id);
      const tag = uniqueTag();
      for (const stream of [false, true]) {
        const response = await call(
          'anthropic',
          caller,
          ask(`Hi ${tag}`, { model, temperature: 0.4, stream }),
        );
        expect(response.status).toBe(400);
        const error = await readError(response);
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.message).toContain(model);
        expect(error.details).toEqual([
          { path: 'temperature', message: 'Claude 5 models accept only their default sampling.' },
        ]);
      }
      expect(await available(caller.id)).toBe(before);
      expect(await reservations(caller.id)).toBe(0);
      expect(await usageRows(caller.id)).toEqual([]);
      expect(await standInCalls(tag)).toBe(0);
    },
  );

  it('passes the default itself, which the provider accepts', async () => {
    const caller = await newCaller();
    const tag = uniqueTag();
    const response = await call(
      'anthropic',
      caller,
      ask(`Hi ${tag}`, { model: 'claude-sonnet-5-5', temperature: 1 }),
    );
    expect(response.status).toBe(200);
    expect(await temperaturesReceived(tag)).toEqual([1]);
  });

  it('still sends a temperature to a model that takes one', async () => {
    const caller = await newCaller();
    const tag = uniqueTag();
    const response = await call(
      'anthropic',
      caller,
      ask(`Hi ${tag}`, { model: 'claude-haiku-4-5', temperature: 0.4 }),
    );
    expect(response.status).toBe(200);
    expect(await temperaturesReceived(tag)).toEqual([0.4]);
  });
});

describe('tools on GPT-6.1, which takes them only on the Responses API', () => {
  it('are not part of the contract: a 400 before anything is reserved or sent', async () => {
    const caller = await newCaller();
    const before = await available(caller.id);
    const tag = uniqueTag();
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    const response = await call(
      'openai',
      caller,
      ask(`Look it up ${tag}`, { model: 'gpt-6.1-terra', tools }),
    );
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('VALIDATION_FAILED');
    expect(await available(caller.id)).toBe(before);
    expect(await reservations(caller.id)).toBe(0);
    expect(await standInCalls(tag)).toBe(0);
  });
});
