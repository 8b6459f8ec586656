/**
 * A textual snapshot of everything migrations create (schemas, relations, columns, constraints,
 * indexes, policies, triggers, functions, types, grants, default privileges, extensions), so two
 * database states can be compared exactly. System schemas are left out.
 */
import type pg from 'pg';

const userSchemas = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'`;

const queries = [
  `select 'schema ' || n.nspname || ' ' || coalesce(n.nspacl::text, '') as item from pg_namespace n where ${userSchemas}`,
  `select 'extension ' || extname as item from pg_extension`,
  `select 'relation ' || c.oid::regclass || ' ' || c.relkind::text || ' rls=' || c.relrowsecurity || ' acl=' || coalesce(c.relacl::text, '') ||
          ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '') || ' options=' || coalesce(c.reloptions::text, '') ||
          ' owner=' || c.relowner::regrole || ' view=' || coalesce(md5(pg_get_viewdef(c.oid)), '') as item
   from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${userSchemas}`,
  `select 'column ' || c.oid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull ||
          ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' acl=' || coalesce(a.attacl::text, '') as item
   from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
   left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
   where ${userSchemas} and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'v', 'm', 'p', 'c', 'f')`,
  `select 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as item
   from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${userSchemas} and c.conrelid <> 0`,
  `select 'index ' || schemaname || ' ' || indexdef as item from pg_indexes
   where schemaname not in ('pg_catalog', 'information_schema', 'pg_toast')`,
  `select 'policy ' || schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd || ' ' || roles::text || ' ' ||
          coalesce(qual, '') || ' ' || coalesce(with_check, '') as item from pg_policies`,
  `select 'trigger ' || t.tgrelid::regclass || ' ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text as item
   from pg_trigger t where not t.tgisinternal`,
  `select 'function ' || p.oid::regprocedure || ' definer=' || p.prosecdef || ' config=' || coalesce(p.proconfig::text, '') ||
          ' acl=' || coalesce(p.proacl::text, '') || ' body=' || md5(p.prosrc) as item
   from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${userSchemas}`,
  `select 'type ' || t.oid::regtype || ' ' || t.typtype::text as item from pg_type t join pg_namespace n on n.oid = t.typnamespace
   where ${userSchemas} and t.typtype in ('c', 'e', 'd') and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')`,
  `select 'default-acl ' || d.defaclrole::regrole || ' ' || coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text || ' ' || d.defaclacl::text as item
   from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace`,
  `select 'event-trigger ' || evtname || ' ' || evtevent as item from pg_event_trigger`,
];

export async function catalogSnapshot(db: pg.Client | pg.PoolClient): Promise<string[]> {
  const items: string[] = [];
  for (const sql of queries) {
    const { rows } = await db.query<{ item: string }>(sql);
    items.push(...rows.map((row) => row.item));
  }
  return items.sort();
}

/** An md5 of every row of every table in the given schemas, per table. */
export async function dataSnapshot(
  db: pg.Client | pg.PoolClient,
  schemas: string[],
): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any($1) and c.relkind in ('r', 'p') order by 1`,
    [schemas],
  );
  const snapshot: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ digest: string; n: number }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n from ${name} t`,
    );
    snapshot[name] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  return snapshot;
}
