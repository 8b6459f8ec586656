// What supabase/seed.sql promises (DESIGN.md §4, §5): the plans, prices and packs of the money
// model, a price for every model employees use, a catalog of at least 24 employees in 8+
// categories with prompts and reviews, FAQ and blog content, and working demo logins.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from './support/database';

const db = new pg.Client({ connectionString: databaseUrl() });
beforeAll(() => db.connect());
afterAll(() => db.end());

describe('seed', () => {
  // Filtered to the seed's rows: other test files add plans and packs of their own meanwhile.
  it('has the plans, Stripe price placeholders and token packs of the money model', async () => {
    const plans = await db.query(
      `select id, monthly_credits::bigint::text as credits from public.plans where id in ('free', 'pro', 'max') order by position`,
    );
    expect(plans.rows).toEqual([
      { id: 'free', credits: '1000000' },
      { id: 'pro', credits: '20000000' },
      { id: 'max', credits: '250000000' },
    ]);
    const prices = await db.query(
      `select plan_id, interval, stripe_price_id, amount_cents from public.plan_prices where plan_id in ('pro', 'max') order by amount_cents`,
    );
    expect(prices.rows).toEqual([
      { plan_id: 'pro', interval: 'month', stripe_price_id: 'price_pro_monthly', amount_cents: 2900 },
      { plan_id: 'pro', interval: 'year', stripe_price_id: 'price_pro_yearly', amount_cents: 29000 },
      { plan_id: 'max', interval: 'month', stripe_price_id: 'price_max_monthly', amount_cents: 29900 },
      { plan_id: 'max', interval: 'year', stripe_price_id: 'price_max_yearly', amount_cents: 299000 },
    ]);
    const packs = await db.query(
      `select id, credits::text, price_cents from public.token_packs where stripe_price_id like 'price_pack_%' order by position`,
    );
    expect(packs.rows).toEqual([
      { id: 'pack_10m', credits: '10000000', price_cents: 1000 },
      { id: 'pack_27m', credits: '27000000', price_cents: 2500 },
      { id: 'pack_85m', credits: '85000000', price_cents: 7500 },
      { id: 'pack_150m', credits: '150000000', price_cents: 13000 },
    ]);
  });

  // Older versions may sit on a retired model (hires pinned to them are offered the upgrade); what an
  // employee runs on now, and what a new user's settings default to, must be callable now.
  it('prices models of all four providers, and every model an employee runs on', async () => {
    const providers = await db.query(
      `select provider, count(*)::int as n from public.model_pricing where effective_to is null group by 1 order by 1`,
    );
    expect(providers.rows.map((row) => row.provider)).toEqual([
      'anthropic',
      'google',
      'openai',
      'perplexity',
    ]);
    const unpriced = await db.query(`
      select distinct provider || '/' || model as model from (
        select default_provider as provider, default_model as model from public.ai_employees
        union all select v.provider, v.model from public.ai_employee_versions v
                    join public.ai_employees e on e.latest_version_id = v.id
      ) used
      where not exists (
        select 1 from public.model_pricing m
        where m.provider = used.provider and used.model in (m.model, quote_literal(m.model) || '::text')
          and m.effective_from <= now() and (m.effective_to is null or m.effective_to > now()))`);
    expect(unpriced.rows).toEqual([]);
  });

  it('publishes at least 24 AI employees in at least 8 categories, each with a substantial prompt', async () => {
    const { rows } = await db.query(`
      select count(*)::int as employees, count(distinct category)::int as categories,
             min(char_length(v.system_prompt))::int as shortest_prompt,
             count(*) filter (where e.latest_version_id is null)::int as without_version,
             min(cardinality(e.skills))::int as fewest_skills
      from public.ai_employees e join public.ai_employee_versions v on v.id = e.latest_version_id
      where e.published and e.id::text like 'e0000000-%'`);
    expect(rows[0].employees).toBeGreaterThanOrEqual(24);
    expect(rows[0].categories).toBeGreaterThanOrEqual(8);
    expect(rows[0].shortest_prompt).toBeGreaterThan(600);
    expect(rows[0].without_version).toBe(0);
    expect(rows[0].fewest_skills).toBeGreaterThanOrEqual(4);
  });

  it('has sample reviews from hiring users, reflected in the analytics', async () => {
    const { rows } = await db.query(`
      select count(*)::int as reviews,
             count(*) filter (where not exists (
               select 1 from public.purchased_employees h where h.user_id = r.user_id and h.employee_id = r.employee_id))::int as without_hire
      from public.employee_reviews r where r.id::text like 'd0000000-%'`);
    expect(rows[0]).toEqual({ reviews: 20, without_hire: 0 });
    const rated = await db.query(
      `select count(*)::int as n from public.ai_employee_catalog where avg_rating is not null`,
    );
    expect(rated.rows[0].n).toBeGreaterThanOrEqual(15);
  });

  it('has FAQ items and published blog posts', async () => {
    const { rows } = await db.query(`
      select (select count(*)::int from public.faq_items where published) as faq,
             (select count(*)::int from public.blog_posts where published_at <= now()) as posts`);
    expect(rows[0].faq).toBeGreaterThanOrEqual(8);
    expect(rows[0].posts).toBeGreaterThanOrEqual(3);
  });

  it('creates the demo and admin logins with identities and their own rows; only the member has the known password', async () => {
    const { rows } = await db.query(`
      select u.email, u.encrypted_password = extensions.crypt('password123', u.encrypted_password) as password_ok,
             u.email_confirmed_at is not null as confirmed, u.confirmation_token = '' as token_ok,
             p.role, (select count(*)::int from auth.identities i where i.user_id = u.id) as identities,
             (select purchased_balance::int from public.credit_accounts a where a.user_id = u.id) as purchased
      from auth.users u join public.profiles p on p.id = u.id
      where u.email in ('demo@example.com', 'admin@example.com') order by u.email`);
    expect(rows).toEqual([
      {
        // The local platform gives the admin a random password at start (tests/integration/platform/admin-accounts.test.ts).
        email: 'admin@example.com',
        password_ok: false,
        confirmed: true,
        token_ok: true,
        role: 'admin',
        identities: 1,
        purchased: 0,
      },
      {
        email: 'demo@example.com',
        password_ok: true,
        confirmed: true,
        token_ok: true,
        role: 'member',
        identities: 1,
        purchased: 10_000_000,
      },
    ]);
  });
});
