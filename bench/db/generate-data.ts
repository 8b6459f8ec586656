/**
 * Bulk data for the database benchmark, generated inside Postgres with generate_series (seconds,
 * not minutes): 100k users with their profile rows and credit accounts, 1,000 extra published
 * employees, 100k hires, 100k chat sessions with 1M messages (1,000 long sessions of 500
 * messages, the rest short), 1M token-usage rows over 90 days, 20k reviews.
 *
 * Loaded with session_replication_role = replica, which skips triggers and FK checks, so the
 * derived columns the triggers normally keep (last_message_at, analytics, latest version) are
 * computed set-based at the end. Then ANALYZE, so the planner sees the real distribution.
 */
import type pg from 'pg';

export const scale = {
  users: 100_000,
  employees: 1_000,
  hiringUsers: 50_000, // each hires 2 employees: 100k hires
  sessions: 100_000,
  longSessions: 1_000,
  messagesPerLongSession: 500,
  shortMessages: 500_000, // spread over the other 99k sessions: 1M messages in all
  usageRows: 1_000_000,
  reviews: 20_000,
} as const;

const userId = (n: string) => `('00000000-0000-4000-9000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const employeeId = (n: string) => `('00000000-0000-4000-a000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
const sessionId = (n: string) => `('00000000-0000-4000-b000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

const steps: Array<[string, string]> = [
  [
    'users',
    `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
     select ${userId('g')}, 'authenticated', 'authenticated', 'bench' || g || '@bench.local', now(), '{}', now(), now()
     from generate_series(1, ${scale.users}) g;
     insert into public.profiles (id, email) select ${userId('g')}, 'bench' || g || '@bench.local' from generate_series(1, ${scale.users}) g;
     insert into public.user_profiles (user_id, display_name) select ${userId('g')}, 'Bench ' || g from generate_series(1, ${scale.users}) g;
     insert into public.user_settings (user_id) select ${userId('g')} from generate_series(1, ${scale.users}) g;
     insert into public.credit_accounts (user_id, allowance_balance, allowance_period_start, allowance_period_end)
     select ${userId('g')}, 1000000, date_trunc('month', now()), date_trunc('month', now()) + interval '1 month'
     from generate_series(1, ${scale.users}) g;
     insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key)
     select ${userId('g')}, 'allowance_grant', 'allowance', 1000000, 1000000, 'bench-allowance-' || g
     from generate_series(1, ${scale.users}) g;`,
  ],
  [
    'employees',
    `insert into public.ai_employees (id, slug, name, role, category, description, skills, default_provider, default_model, published)
     select ${employeeId('g')}, 'bench-employee-' || g, 'Bench ' || g, 'Specialist',
            (array['engineering','marketing','sales','support','finance','legal','operations','design','data','hr','health','research'])[1 + g % 12],
            'Benchmark employee ' || g, array['one','two','three','four'], 'openai', 'gpt-4o-mini', true
     from generate_series(1, ${scale.employees}) g;
     insert into public.ai_employee_versions (employee_id, version, system_prompt, provider, model, changelog)
     select ${employeeId('g')}, 1, repeat('You are a benchmark employee. ', 40), 'openai', 'gpt-4o-mini', 'First release.'
     from generate_series(1, ${scale.employees}) g;
     update public.ai_employees e set latest_version_id = v.id
     from public.ai_employee_versions v where v.employee_id = e.id and e.slug like 'bench-employee-%';`,
  ],
  [
    'hires',
    `insert into public.purchased_employees (user_id, employee_id, employee_version_id, is_active, hired_at)
     select ${userId('u')}, e.id, e.latest_version_id, (u + k) % 10 <> 0, now() - (u % 365) * interval '1 day'
     from generate_series(1, ${scale.hiringUsers}) u
     cross join generate_series(0, 1) k
     join public.ai_employees e on e.id = ${employeeId(`1 + (u * 31 + k * 17) % ${scale.employees}`)};`,
  ],
  [
    'chat sessions',
    `insert into public.chat_sessions (id, user_id, employee_id, title, created_at)
     select ${sessionId('s')}, ${userId(`1 + (s - 1) % ${scale.users}`)},
            case when (s - 1) % ${scale.users} < ${scale.hiringUsers} then ${employeeId(`1 + (((s - 1) % ${scale.users} + 1) * 31) % ${scale.employees}`)} end,
            'Session ' || s, now() - interval '120 days'
     from generate_series(1, ${scale.sessions}) s;`,
  ],
  [
    'chat messages',
    `insert into public.chat_messages (session_id, role, content, created_at)
     select ${sessionId('1 + (m - 1) / ' + scale.messagesPerLongSession)},
            case when m % 2 = 0 then 'assistant' else 'user' end,
            repeat(md5(m::text), 6),
            now() - interval '90 days' + (m % ${scale.messagesPerLongSession}) * interval '1 minute'
     from generate_series(1, ${scale.longSessions * scale.messagesPerLongSession}) m;
     insert into public.chat_messages (session_id, role, content, created_at)
     select ${sessionId(`${scale.longSessions + 1} + m % ${scale.sessions - scale.longSessions}`)},
            case when m % 2 = 0 then 'assistant' else 'user' end,
            repeat(md5(m::text), 6),
            now() - (m % 129600) * interval '1 minute'
     from generate_series(1, ${scale.shortMessages}) m;
     update public.chat_sessions s set last_message_at = agg.last_at, message_count = agg.n
     from (select session_id, max(created_at) as last_at, count(*) as n from public.chat_messages group by session_id) agg
     where agg.session_id = s.id;`,
  ],
  [
    'token usage',
    `insert into public.token_usage (user_id, request_id, provider, model, feature, input_tokens, output_tokens, cached_tokens, credits_charged, latency_ms, status, created_at)
     select ${userId(`1 + (g - 1) % ${scale.users}`)}, 'bench-' || g,
            (array['openai', 'anthropic', 'google'])[1 + g % 3], (array['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-flash'])[1 + g % 3],
            (array['chat', 'team_run', 'workflow', 'proxy'])[1 + g % 4],
            500 + g % 3000, 100 + g % 900, g % 200, 150 + g % 1000, 200 + g % 4000, 'ok',
            now() - (g % 7776000) * interval '1 second'
     from generate_series(1, ${scale.usageRows}) g;`,
  ],
  [
    'reviews',
    `insert into public.employee_reviews (user_id, employee_id, rating, title, body)
     select h.user_id, h.employee_id, 1 + (hashtext(h.id::text) & 3) + (hashtext(h.id::text) >> 30 & 1), 'Review', 'Benchmark review'
     from (select distinct on (user_id) * from public.purchased_employees order by user_id, hired_at) h
     limit ${scale.reviews};`,
  ],
  [
    'analytics',
    `insert into public.employee_analytics (employee_id, hire_count, active_users, total_messages, review_count, rating_sum, last_hired_at)
     select e.id,
            coalesce(h.hires, 0), coalesce(h.active, 0), coalesce(m.messages, 0), coalesce(r.reviews, 0), coalesce(r.rating_sum, 0), h.last_hired
     from public.ai_employees e
     left join (select employee_id, count(*) as hires, count(*) filter (where is_active) as active, max(hired_at) as last_hired
                from public.purchased_employees group by 1) h on h.employee_id = e.id
     left join (select s.employee_id, count(*) as messages from public.chat_messages m join public.chat_sessions s on s.id = m.session_id
                where s.employee_id is not null group by 1) m on m.employee_id = e.id
     left join (select employee_id, count(*) as reviews, sum(rating) as rating_sum from public.employee_reviews group by 1) r on r.employee_id = e.id
     on conflict (employee_id) do update
     set hire_count = excluded.hire_count, active_users = excluded.active_users, total_messages = excluded.total_messages,
         review_count = excluded.review_count, rating_sum = excluded.rating_sum, last_hired_at = excluded.last_hired_at;`,
  ],
  // The admin console's usage rollups, which the token_usage trigger maintains outside a bulk load.
  ['usage rollups', 'select private.rebuild_usage_rollups();'],
];

export async function generateData(client: pg.Client, log: (line: string) => void): Promise<void> {
  await client.query('set session_replication_role = replica');
  try {
    for (const [name, sql] of steps) {
      const started = performance.now();
      await client.query(sql);
      log(`  ${name.padEnd(14)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.query('set session_replication_role = origin');
  }
  const started = performance.now();
  await client.query('vacuum analyze');
  log(`  ${'vacuum analyze'.padEnd(14)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export const benchUserId = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
export const benchEmployeeId = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
