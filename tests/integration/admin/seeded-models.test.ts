/**
 * The seeded price list is current (ADR 0079): every seeded employee runs on a model that is priced
 * now and not about to be shut down, none of them makes the official Anthropic SDK print its
 * deprecation warning, and the effective-dated rows retire models and change prices on their dates.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, describe, expect, it, vi } from 'vitest';
import prices from '../../../netlify/functions/admin-prices.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import type { AdminPrice } from '../../../src/shared/admin-catalog';
import { admin, call, db } from './harness';

afterAll(async () => {
  await db.end();
  await closeDbPools();
});

interface SeededModel {
  provider: string;
  model: string;
}

async function seededEmployeeModels(): Promise<SeededModel[]> {
  const { rows } = await db.query<SeededModel>(
    `select distinct v.provider, v.model
       from public.ai_employees e join public.ai_employee_versions v on v.id = e.latest_version_id
      where e.id::text like 'e0000000-%' order by 1, 2`,
  );
  return rows;
}

/** Credits for 1M input + 1M output + 1M cached tokens at `at`, or the SQLSTATE and hint of the refusal. */
async function priceAt(provider: string, model: string, at: string) {
  try {
    const { rows } = await db.query<{ credits: string }>(
      `select billing.price_call($1, $2, 1000000, 1000000, 1000000, $3::timestamptz)::text as credits`,
      [provider, model, at],
    );
    return { credits: Number(rows[0]!.credits) };
  } catch (error) {
    const { code, hint } = error as { code?: string; hint?: string };
    return { code, hint };
  }
}

describe('the seeded price list', () => {
  it('has every seeded employee on a model priced now and for at least the next 60 days', async () => {
    const { rows } = await db.query<{
      employee: string;
      model: string;
      default_matches: boolean;
      priced_now: boolean;
      last_price_ends: Date | null;
    }>(
      `select e.slug as employee, v.model,
              (e.default_provider, e.default_model) = (v.provider, v.model) as default_matches,
              exists (select 1 from public.model_pricing m
                       where m.provider = v.provider and m.model = v.model and m.effective_from <= now()
                         and (m.effective_to is null or m.effective_to > now())) as priced_now,
              (select m.effective_to from public.model_pricing m where m.provider = v.provider and m.model = v.model
                order by m.effective_from desc limit 1) as last_price_ends
         from public.ai_employees e join public.ai_employee_versions v on v.id = e.latest_version_id
        where e.id::text like 'e0000000-%'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(24);
    const soon = Date.now() + 60 * 86_400_000;
    const stale = rows.filter(
      (row) =>
        !row.default_matches ||
        !row.priced_now ||
        (row.last_price_ends !== null && row.last_price_ends.getTime() < soon),
    );
    expect(stale).toEqual([]);
  });

  it('gives the Anthropic SDK no model it warns about as deprecated', async () => {
    const anthropic = (await seededEmployeeModels()).filter((m) => m.provider === 'anthropic');
    expect(anthropic.length).toBeGreaterThan(0);
    const client = new Anthropic({
      apiKey: process.env.ANTHROPIC_API_KEY ?? 'stand-in',
      baseURL: process.env.ANTHROPIC_BASE_URL,
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const warnedFor = async (model: string) => {
        warn.mockClear();
        await client.messages.create({ model, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] });
        return warn.mock.calls.some((args) => String(args[0]).includes('deprecated'));
      };
      // The probe is live: the SDK's own list names Sonnet 4.5 (end of life 2026-11-30).
      expect(await warnedFor('claude-sonnet-4-5')).toBe(true);
      for (const { model } of anthropic) expect(await warnedFor(model), model).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses retired models from their date with that date, and keeps gpt-4o-mini until 2027-01-14', async () => {
    expect(await priceAt('anthropic', 'claude-sonnet-4-5', '2026-12-03')).toEqual({
      code: 'PT410',
      hint: '2026-11-30',
    });
    expect(await priceAt('openai', 'o4-mini', '2026-12-03')).toEqual({ code: 'PT410', hint: '2026-10-23' });
    // Announced, not yet past: callable until the shutdown date, refused from it.
    expect(await priceAt('openai', 'gpt-5-mini', '2026-12-10T23:59:59Z')).toHaveProperty('credits');
    expect(await priceAt('openai', 'gpt-5-mini', '2026-12-11')).toEqual({
      code: 'PT410',
      hint: '2026-12-11',
    });
    const { rows } = await db.query<{ credits: string }>(
      `select (input_rate + output_rate + cached_input_rate)::text as credits from public.model_pricing
        where provider = 'openai' and model = 'gpt-4o-mini' and effective_to = '2027-01-14'`,
    );
    expect(await priceAt('openai', 'gpt-4o-mini', '2027-01-13T23:59:59Z')).toEqual({
      credits: Number(rows[0]!.credits),
    });
    expect(await priceAt('openai', 'gpt-4o-mini', '2027-01-14')).toEqual({
      code: 'PT410',
      hint: '2027-01-14',
    });
  });

  it('changes a price on its announced date without a gap (Gemini 3.8 Flash on 2027-01-01)', async () => {
    const { rows } = await db.query<{ effective_from: Date; credits: string }>(
      `select effective_from, (input_rate + output_rate + cached_input_rate)::text as credits
         from public.model_pricing where provider = 'google' and model = 'gemini-3.8-flash' order by effective_from`,
    );
    expect(rows).toHaveLength(2);
    const [promotion, list] = rows.map((row) => Number(row.credits));
    expect(list).toBeGreaterThan(promotion!);
    expect(await priceAt('google', 'gemini-3.8-flash', '2026-12-31T23:59:59Z')).toEqual({
      credits: promotion,
    });
    expect(await priceAt('google', 'gemini-3.8-flash', '2027-01-01')).toEqual({ credits: list });
  });

  it('shows admins which models are retiring, on which date, apart from a scheduled price change', async () => {
    const staff = await admin();
    const response = await call(prices, '/api/admin/prices', { token: staff.token });
    expect(response.status).toBe(200);
    const list = (await response.json()) as AdminPrice[];
    const of = (model: string) =>
      list
        .filter((row) => row.model === model)
        .map((row) => [row.status, row.effectiveTo?.slice(0, 10) ?? null]);
    expect(of('gpt-5-mini')).toEqual([['retiring', '2026-12-11']]);
    expect(of('gpt-4o-mini')).toEqual([['retiring', '2027-01-14']]);
    expect(of('claude-sonnet-4-5')).toEqual([['ended', '2026-11-30']]);
    expect(of('gemini-3.8-flash')).toEqual([
      ['current', '2027-01-01'],
      ['scheduled', null],
    ]);
  });
});
