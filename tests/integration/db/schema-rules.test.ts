// The schema rules of DESIGN.md §4 and CONVENTIONS.md "SQL", checked on the live catalog so a new
// table or function that breaks them fails here: RLS everywhere, comments, an index for every
// foreign key, named single-operation policies for API roles, definer functions pinned to an
// empty search_path, and nothing executable or readable that should not be.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llmProviderNames } from '../../../src/shared/llm-contract';
import { planIds } from '../../../src/shared/plans';
import { createPool, databaseUrl } from './support/database';

const db = new pg.Client({ connectionString: databaseUrl() });
beforeAll(() => db.connect());
afterAll(() => db.end());

const rows = async <T extends object>(sql: string) => (await db.query<T>(sql)).rows;

describe('schema rules', () => {
  it('every public table has row-level security enabled', async () => {
    const offenders = await rows<{ name: string }>(`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`);
    expect(offenders).toEqual([]);
  });

  it('every public table and view has a comment', async () => {
    const offenders = await rows<{ name: string }>(`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and obj_description(c.oid, 'pg_class') is null`);
    expect(offenders).toEqual([]);
  });

  it('every foreign key has an index leading with its columns', async () => {
    const offenders = await rows<{ fk: string }>(`
      select c.conrelid::regclass || '(' || c.conname || ')' as fk
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] operator(pg_catalog.@>) c.conkey
            and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] operator(pg_catalog.<@) c.conkey
        )`);
    expect(offenders).toEqual([]);
  });

  it('every foreign key says what happens on delete (no implicit NO ACTION)', async () => {
    const offenders = await rows<{ fk: string }>(`
      select c.conrelid::regclass || '(' || c.conname || ')' as fk
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public' and c.confdeltype = 'a'`);
    expect(offenders).toEqual([]);
  });

  it('policies are one operation for named API roles, named as sentences', async () => {
    const policies = await rows<{ name: string; cmd: string; roles: string[] }>(`
      select tablename || ': ' || policyname as name, cmd, roles::text[] as roles
      from pg_policies where schemaname = 'public'`);
    expect(policies.length).toBeGreaterThan(40);
    for (const policy of policies) {
      expect(policy.cmd, policy.name).not.toBe('ALL');
      expect(
        policy.roles.every((role) => role === 'anon' || role === 'authenticated'),
        policy.name,
      ).toBe(true);
      expect(policy.name.split(': ')[1], policy.name).toMatch(/^[A-Z][a-z]+( [^ ]+)+$/);
    }
  });

  it('policies call auth.uid() through a scalar subquery (evaluated once per statement)', async () => {
    const offenders = await rows<{ name: string }>(`
      select tablename || ': ' || policyname as name from pg_policies
      where schemaname = 'public'
        and (coalesce(qual, '') || coalesce(with_check, '')) ~ 'auth\\.uid\\(\\)'
        and (coalesce(qual, '') || coalesce(with_check, '')) !~ 'SELECT auth\\.uid\\(\\)'`);
    expect(offenders).toEqual([]);
  });

  it('security definer functions pin search_path to empty', async () => {
    const offenders = await rows<{ fn: string }>(`
      select p.oid::regprocedure::text as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('public', 'billing', 'private', 'ratelimit') and p.prosecdef
        and not coalesce(p.proconfig, '{}') && array['search_path=""', 'search_path=']`);
    expect(offenders).toEqual([]);
  });

  it('argument-free definer helpers of policies are PL/pgSQL (a SQL one is planned again in every statement)', async () => {
    // `(select private.x())` runs once per statement; as SQL (never inlined, being security
    // definer) its body is planned on each of those runs, as PL/pgSQL once per session: ~0.08 ms
    // per statement (bench/rls-admin, ADR 0090; bench/rls-standing, ADR 0080).
    const helpers = await rows<{ fn: string; language: string }>(`
      select distinct p.oid::regprocedure::text as fn, l.lanname as language
      from pg_depend d
      join pg_policy pol on d.classid = 'pg_policy'::regclass and d.objid = pol.oid
      join pg_proc p on d.refclassid = 'pg_proc'::regclass and d.refobjid = p.oid
      join pg_language l on l.oid = p.prolang
      where p.prosecdef and p.pronargs = 0
      order by 1`);
    expect(helpers.map((h) => h.fn)).toEqual(['private.caller_in_good_standing()', 'private.is_admin()']);
    expect(helpers.filter((h) => h.language !== 'plpgsql')).toEqual([]);
  });

  it('security definer functions live outside the exposed public schema', async () => {
    const offenders = await rows<{ fn: string }>(`
      select p.oid::regprocedure::text as fn from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prosecdef`);
    expect(offenders).toEqual([]);
  });

  it('anon executes no function of ours; authenticated only the hire and ticket RPCs and the policy helpers', async () => {
    const executable = await rows<{ fn: string; anon: boolean; authenticated: boolean }>(`
      select p.oid::regprocedure::text as fn,
             has_function_privilege('anon', p.oid, 'execute') as anon,
             has_function_privilege('authenticated', p.oid, 'execute') as authenticated
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('public', 'billing', 'private', 'ratelimit')
        and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
      order by 1`);
    expect(executable).toEqual([
      { fn: 'hire_employee(uuid)', anon: false, authenticated: true },
      { fn: 'open_support_ticket(text,text,text,uuid,uuid)', anon: false, authenticated: true },
      { fn: 'private.caller_in_good_standing()', anon: false, authenticated: true },
      { fn: 'private.is_admin()', anon: false, authenticated: true },
      { fn: 'private.team_run_has_members(uuid)', anon: false, authenticated: true },
      { fn: 'upgrade_hire(uuid)', anon: false, authenticated: true },
    ]);
  });

  it('the billing schema is reachable by the service role only', async () => {
    const [usage] = await rows<{ anon: boolean; authenticated: boolean; service_role: boolean }>(`
      select has_schema_privilege('anon', 'billing', 'usage') as anon,
             has_schema_privilege('authenticated', 'billing', 'usage') as authenticated,
             has_schema_privilege('service_role', 'billing', 'usage') as service_role`);
    expect(usage).toEqual({ anon: false, authenticated: false, service_role: true });
  });

  it('prompts are unreachable: no privilege at all on ai_employee_versions for anon or authenticated', async () => {
    const [grants] = await rows<{ anon: boolean; authenticated: boolean }>(`
      select has_any_column_privilege('anon', 'public.ai_employee_versions', 'select, insert, update, references') as anon,
             has_any_column_privilege('authenticated', 'public.ai_employee_versions', 'select, insert, update, references') as authenticated`);
    expect(grants).toEqual({ anon: false, authenticated: false });
    const viewsWithPrompts = await rows<{ name: string }>(`
      select table_name as name from information_schema.columns
      where table_schema = 'public' and column_name in ('system_prompt', 'tools') and table_name <> 'ai_employee_versions'`);
    expect(viewsWithPrompts).toEqual([]);
  });

  it('privilege and money columns are never writable by authenticated', async () => {
    const guarded: Array<[string, string]> = [
      ['profiles', 'plan'],
      ['profiles', 'plan_status'],
      ['profiles', 'role'],
      ['credit_accounts', 'allowance_balance'],
      ['credit_accounts', 'purchased_balance'],
      ['credit_accounts', 'reserved_balance'],
      ['credit_accounts', 'frozen'],
      ['credit_ledger', 'amount'],
      ['token_usage', 'credits_charged'],
      ['chat_messages', 'credits_charged'],
      ['chat_messages', 'role'],
      ['agent_steps', 'credits_charged'],
      ['workflow_runs', 'credits_charged'],
      ['workflow_run_steps', 'credits_charged'],
      ['multi_agent_conversations', 'credits_charged'],
      ['multi_agent_conversations', 'status'],
      ['purchased_employees', 'user_id'],
      ['employee_reviews', 'user_id'],
      ['employee_analytics', 'hire_count'],
      ['subscriptions', 'status'],
      ['support_tickets', 'priority'],
    ];
    for (const [table, column] of guarded) {
      const { rows: result } = await db.query<{ update: boolean }>(
        `select has_column_privilege('authenticated', $1, $2, 'update') as update`,
        [`public.${table}`, column],
      );
      expect(result[0]?.update, `${table}.${column}`).toBe(false);
    }
    // Priority is the staff's call on insert too.
    const { rows: insert } = await db.query<{ insert: boolean }>(
      `select has_column_privilege('authenticated', 'public.support_tickets', 'priority', 'insert') as insert`,
    );
    expect(insert[0]?.insert).toBe(false);
  });
});

describe('one list of LLM providers', () => {
  it('the llm_provider domain holds exactly src/shared’s provider names, and every provider column checks against it', async () => {
    const db = createPool(1);
    try {
      const { rows: domain } = await db.query<{ def: string }>(
        `select pg_get_constraintdef(c.oid) as def from pg_constraint c
          where c.contypid = 'public.llm_provider'::regtype`,
      );
      const values = [...domain[0]!.def.matchAll(/'([a-z]+)'/g)].map((match) => match[1]);
      expect(values).toEqual([...llmProviderNames]);

      const { rows: columns } = await db.query<{ col: string; checked: boolean }>(
        `select c.relname || '.' || a.attname as col,
                exists (select 1 from pg_constraint k
                         where k.conrelid = c.oid and k.contype = 'c' and k.conkey = array[a.attnum]
                           and pg_get_constraintdef(k.oid) like '%::llm_provider%') as checked
           from pg_attribute a join pg_class c on c.oid = a.attrelid
          where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not a.attisdropped
            and a.attname in ('provider', 'default_provider', 'supervisor_provider')
          order by 1`,
      );
      expect(columns.length).toBeGreaterThanOrEqual(8);
      expect(columns.filter((column) => !column.checked)).toEqual([]);
      await expect(
        db.query(`insert into public.model_pricing (provider, model, input_rate, output_rate, cached_input_rate)
                  values ('mistral', 'x', 1, 1, 1)`),
      ).rejects.toMatchObject({ code: '23514' });
    } finally {
      await db.end();
    }
  });
});

describe('one list of plans', () => {
  // Other suites add throw-away plans to this database, so the check is one way: every plan with
  // limits in code is a real plan. A plan missing from the list gets the free limits (asPlanId).
  it('every plan with limits in code is a plan of public.plans', async () => {
    const plans = await rows<{ id: string }>('select id from public.plans');
    const ids = new Set(plans.map((plan) => plan.id));
    expect(planIds.filter((id) => !ids.has(id))).toEqual([]);
  });
});
