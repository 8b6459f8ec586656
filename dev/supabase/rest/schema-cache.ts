/**
 * PostgREST's schema cache: the relations, columns, keys, foreign keys and functions of the exposed
 * schemas, plus the API roles' own settings, read from pg_catalog in one round trip per query.
 */
import type pg from 'pg';

export interface Column {
  name: string;
  /** `format_type` of the column, e.g. `timestamp with time zone`, `text[]`. */
  type: string;
  /** The base type's name (`tsvector`, `int8`), for operator decisions. */
  typeName: string;
  /** The column's DEFAULT expression as Postgres prints it; catalog SQL, never user input. */
  defaultSql: string | null;
}

export interface Relation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: Map<string, Column>;
  primaryKey: string[];
  /** Column sets with a unique constraint or index (including the PK). */
  uniqueKeys: string[][];
}

export interface ForeignKey {
  constraint: string;
  schema: string;
  /** The referencing relation and columns. */
  table: string;
  columns: string[];
  /** The referenced relation and columns. */
  referencedSchema: string;
  referencedTable: string;
  referencedColumns: string[];
}

export interface RoutineParameter {
  name: string;
  type: string;
  hasDefault: boolean;
  variadic: boolean;
}

export interface Routine {
  schema: string;
  name: string;
  parameters: RoutineParameter[];
  volatility: 'volatile' | 'stable' | 'immutable';
  returnsSet: boolean;
  /** `void`, a scalar type, or a composite (row) type. */
  returnKind: 'void' | 'scalar' | 'composite';
  /** When the composite is a table or view's row type: that relation. */
  returnRelation?: { schema: string; name: string };
}

/** allComputedRels (SchemaCache.hs): `fn(table_row) returns [setof] other_relation`. */
export interface ComputedRelationship {
  functionSchema: string;
  functionName: string;
  tableSchema: string;
  tableName: string;
  targetSchema: string;
  targetName: string;
  /** Not a set, or `rows 1`: embedded as an object. */
  singleRow: boolean;
}

export interface SchemaCache {
  relations: Map<string, Relation>;
  foreignKeys: ForeignKey[];
  routines: Map<string, Routine[]>;
  /** Per API role: its `ALTER ROLE … SET` settings, applied per request like PostgREST. */
  roleSettings: Map<string, Array<[string, string]>>;
  /** Functions taking a row of one relation and returning rows of another (embeddable by name). */
  computedRelationships: ComputedRelationship[];
  /** PostgREST's in-database configuration (`ALTER ROLE authenticator SET pgrst.<option>`). */
  config: DbConfig;
}

/** The in-database options this server honours (Config.hs; defaults as on hosted Supabase). */
export interface DbConfig {
  /** `pgrst.db_aggregates_enabled` (default false). */
  aggregatesEnabled: boolean;
  /** `pgrst.db_plan_enabled` (default false): `Accept: application/vnd.pgrst.plan`. */
  planEnabled: boolean;
  /** `pgrst.db_tx_end`: `commit` (default), `commit-allow-override`, `rollback`, `rollback-allow-override`. */
  txRollbackAll: boolean;
  txAllowOverride: boolean;
}

export const qualifiedKey = (schema: string, name: string) => `${schema}.${name}`;

const relationsSql = `
  select n.nspname as schema, c.relname as name, c.relkind as kind,
    coalesce((select json_agg(json_build_object(
        'name', a.attname,
        'type', format_type(a.atttypid, a.atttypmod),
        'typeName', coalesce(bt.typname, t.typname),
        -- As PostgREST's column query: domain defaults, identity (by default) columns' sequences.
        'defaultSql', case
          when t.typbasetype <> 0 and d.adbin is null then pg_get_expr(t.typdefaultbin, 0)
          when a.attidentity = 'd' then (select format('nextval(%L)', s.objid::regclass) from pg_depend s
            where s.refobjid = a.attrelid and s.refobjsubid = a.attnum and s.deptype = 'i'
              and s.classid = 'pg_class'::regclass limit 1)
          when a.attgenerated = 's' then null
          else pg_get_expr(d.adbin, d.adrelid) end) order by a.attnum)
      from pg_attribute a
      join pg_type t on t.oid = a.atttypid
      left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns,
    coalesce((select json_agg((select json_agg(a.attname order by k.ord)
        from unnest(i.indkey) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum) order by i.indisprimary desc)
      from pg_index i where i.indrelid = c.oid and i.indisunique and i.indpred is null and i.indexprs is null), '[]') as unique_keys,
    coalesce((select json_agg(a.attname order by k.ord)
      from pg_index i
      cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = c.oid and i.indisprimary), '[]') as primary_key
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

const foreignKeysSql = `
  select con.conname as constraint, n.nspname as schema, c.relname as table,
    (select json_agg(a.attname order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns,
    fn.nspname as referenced_schema, f.relname as referenced_table,
    (select json_agg(a.attname order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
      join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as referenced_columns
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_class f on f.oid = con.confrelid
  join pg_namespace fn on fn.oid = f.relnamespace
  where con.contype = 'f' and n.nspname = any($1)
  order by con.conrelid, con.conname`;

/**
 * View columns that are plain references to a base-table column of the same name (from the view's
 * rewrite-rule dependencies): enough for PostgREST-style relationships through simple views.
 */
const viewColumnsSql = `
  select distinct vn.nspname as view_schema, v.relname as view_name, bn.nspname as base_schema, b.relname as base_name, a.attname as column
  from pg_class v
  join pg_namespace vn on vn.oid = v.relnamespace
  join pg_rewrite r on r.ev_class = v.oid
  join pg_depend d on d.objid = r.oid and d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0
  join pg_class b on b.oid = d.refobjid and b.oid <> v.oid
  join pg_namespace bn on bn.oid = b.relnamespace
  join pg_attribute a on a.attrelid = b.oid and a.attnum = d.refobjsubid
  where v.relkind in ('v', 'm') and vn.nspname = any($1)
    and exists (select 1 from pg_attribute va where va.attrelid = v.oid and va.attname = a.attname and not va.attisdropped)`;

const routinesSql = `
  select n.nspname as schema, p.proname as name, p.provolatile as volatility, p.proretset as returns_set,
    case when p.prorettype = 'void'::regtype then 'void'
         when rt.typtype = 'c' or p.prorettype = 'record'::regtype then 'composite'
         else 'scalar' end as return_kind,
    rn.nspname as return_schema, rc.relname as return_table,
    coalesce((select json_agg(json_build_object(
        'name', coalesce(arg.name, ''),
        'type', format_type(arg.type, null),
        'hasDefault', arg.input_ord > p.pronargs - p.pronargdefaults,
        'variadic', arg.mode = 'v') order by arg.input_ord)
      from (select a.*, row_number() over (order by a.ord) as input_ord
            from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]),
                        coalesce(p.proargmodes, array_fill('i'::"char", array[p.pronargs::int])),
                        p.proargnames) with ordinality a(type, mode, name, ord)
            where a.mode in ('i', 'b', 'v')) arg), '[]') as parameters
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  join pg_type rt on rt.oid = p.prorettype
  left join pg_class rc on rc.oid = rt.typrelid and rc.relkind in ('r', 'p', 'v', 'm', 'f')
  left join pg_namespace rn on rn.oid = rc.relnamespace
  where n.nspname = any($1) and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype`;

const roleSettingsSql = `
  select r.rolname as role, s.setconfig as settings
  from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
  where r.rolname in ('anon', 'authenticated', 'service_role')
    and (s.setdatabase = 0 or s.setdatabase = (select oid from pg_database where datname = current_database()))`;

const computedRelationshipsSql = `
  with all_relations as (select reltype from pg_class where relkind in ('v', 'r', 'm', 'f', 'p'))
  select pn.nspname as function_schema, p.proname as function_name,
    arg_schema.nspname as table_schema, arg_type.typname as table_name,
    ret_schema.nspname as target_schema, ret_type.typname as target_name,
    not p.proretset or p.prorows = 1 as single_row
  from pg_proc p
  join pg_namespace pn on pn.oid = p.pronamespace
  join pg_type arg_type on arg_type.oid = p.proargtypes[0]
  join pg_namespace arg_schema on arg_schema.oid = arg_type.typnamespace
  join pg_type ret_type on ret_type.oid = p.prorettype
  join pg_namespace ret_schema on ret_schema.oid = ret_type.typnamespace
  where p.pronargs = 1
    and p.proargtypes[0] in (select reltype from all_relations)
    and p.prorettype in (select reltype from all_relations)`;

/** The settings of the role the server logs in as (PostgREST reads `current_user`'s). */
const dbConfigSql = `
  select s.setconfig as settings
  from pg_db_role_setting s
  where s.setrole = (select oid from pg_roles where rolname = current_user)
    and (s.setdatabase = 0 or s.setdatabase = (select oid from pg_database where datname = current_database()))
  order by s.setdatabase`;

export function parseDbConfig(settings: string[]): DbConfig {
  const values = new Map<string, string>();
  for (const setting of settings) {
    const eq = setting.indexOf('=');
    const key = setting.slice(0, eq);
    // Database-specific settings come last and win, as in PostgREST's query.
    if (key.startsWith('pgrst.'))
      values.set(key.slice('pgrst.'.length).replace(/-/g, '_'), setting.slice(eq + 1));
  }
  const bool = (key: string) => ['true', 'on', 'yes', '1'].includes((values.get(key) ?? '').toLowerCase());
  const txEnd = values.get('db_tx_end') ?? 'commit';
  return {
    aggregatesEnabled: bool('db_aggregates_enabled'),
    planEnabled: bool('db_plan_enabled'),
    txRollbackAll: txEnd.startsWith('rollback'),
    txAllowOverride: txEnd.endsWith('-allow-override'),
  };
}

interface ComputedRelationshipRow {
  function_schema: string;
  function_name: string;
  table_schema: string;
  table_name: string;
  target_schema: string;
  target_name: string;
  single_row: boolean;
}

interface RelationRow {
  schema: string;
  name: string;
  kind: string;
  columns: Column[];
  unique_keys: string[][];
  primary_key: string[];
}

interface ForeignKeyRow {
  constraint: string;
  schema: string;
  table: string;
  columns: string[];
  referenced_schema: string;
  referenced_table: string;
  referenced_columns: string[];
}

interface ViewColumnRow {
  view_schema: string;
  view_name: string;
  base_schema: string;
  base_name: string;
  column: string;
}

/**
 * Foreign keys as seen through views (PostgREST infers them the same way): a view exposing all the
 * FK columns of its base table, or all the referenced columns, takes part in that relationship.
 */
function viewForeignKeys(foreignKeys: ForeignKey[], rows: ViewColumnRow[]): ForeignKey[] {
  const exposed = new Map<string, { schema: string; name: string; base: string; columns: Set<string> }>();
  for (const row of rows) {
    const key = `${row.view_schema}.${row.view_name}->${row.base_schema}.${row.base_name}`;
    const entry = exposed.get(key) ?? {
      schema: row.view_schema,
      name: row.view_name,
      base: qualifiedKey(row.base_schema, row.base_name),
      columns: new Set(),
    };
    entry.columns.add(row.column);
    exposed.set(key, entry);
  }
  const derived: ForeignKey[] = [];
  for (const view of exposed.values()) {
    for (const fk of foreignKeys) {
      if (
        qualifiedKey(fk.schema, fk.table) === view.base &&
        fk.columns.every((column) => view.columns.has(column))
      ) {
        derived.push({ ...fk, schema: view.schema, table: view.name });
      }
      if (
        qualifiedKey(fk.referencedSchema, fk.referencedTable) === view.base &&
        fk.referencedColumns.every((column) => view.columns.has(column))
      ) {
        derived.push({ ...fk, referencedSchema: view.schema, referencedTable: view.name });
      }
    }
  }
  return derived;
}

interface RoutineRow {
  schema: string;
  name: string;
  volatility: 'v' | 's' | 'i';
  returns_set: boolean;
  return_kind: Routine['returnKind'];
  return_schema: string | null;
  return_table: string | null;
  parameters: RoutineParameter[];
}

/**
 * The `callable` test of PostgREST's function query (SchemaCache.hs): functions with more than one
 * unnamed parameter, or one unnamed parameter not of a type a raw body can carry, are left out of
 * the schema cache — they cannot be called and take no part in overload resolution.
 */
const SINGLE_UNNAMED_TYPES = new Set(['bytea', 'json', 'jsonb', 'text', 'xml']);
function isCallable(parameters: RoutineParameter[]): boolean {
  const unnamed = parameters.filter((parameter) => parameter.name === '');
  if (unnamed.length === 0) return true;
  return unnamed.length === 1 && SINGLE_UNNAMED_TYPES.has(unnamed[0]!.type);
}

const volatilities = { v: 'volatile', s: 'stable', i: 'immutable' } as const;

export async function loadSchemaCache(db: pg.Pool | pg.Client, schemas: string[]): Promise<SchemaCache> {
  const [relations, foreignKeys, viewColumns, routines, settings, dbConfig, computed] = await Promise.all([
    db.query<RelationRow>(relationsSql, [schemas]),
    db.query<ForeignKeyRow>(foreignKeysSql, [schemas]),
    db.query<ViewColumnRow>(viewColumnsSql, [schemas]),
    db.query<RoutineRow>(routinesSql, [schemas]),
    db.query<{ role: string; settings: string[] }>(roleSettingsSql),
    db.query<{ settings: string[] }>(dbConfigSql),
    db.query<ComputedRelationshipRow>(computedRelationshipsSql),
  ]);

  const cache: SchemaCache = {
    relations: new Map(),
    foreignKeys: [],
    routines: new Map(),
    roleSettings: new Map(),
    config: parseDbConfig(dbConfig.rows.flatMap((row) => row.settings)),
    computedRelationships: computed.rows.map((row) => ({
      functionSchema: row.function_schema,
      functionName: row.function_name,
      tableSchema: row.table_schema,
      tableName: row.table_name,
      targetSchema: row.target_schema,
      targetName: row.target_name,
      singleRow: row.single_row,
    })),
  };
  for (const row of relations.rows) {
    cache.relations.set(qualifiedKey(row.schema, row.name), {
      schema: row.schema,
      name: row.name,
      kind: row.kind === 'v' || row.kind === 'm' ? 'view' : 'table',
      columns: new Map(row.columns.map((column) => [column.name, column])),
      primaryKey: row.primary_key,
      uniqueKeys: row.unique_keys,
    });
  }
  cache.foreignKeys = foreignKeys.rows.map((row) => ({
    constraint: row.constraint,
    schema: row.schema,
    table: row.table,
    columns: row.columns,
    referencedSchema: row.referenced_schema,
    referencedTable: row.referenced_table,
    referencedColumns: row.referenced_columns,
  }));
  cache.foreignKeys.push(...viewForeignKeys(cache.foreignKeys, viewColumns.rows));
  for (const row of routines.rows) {
    if (!isCallable(row.parameters)) continue;
    const routine: Routine = {
      schema: row.schema,
      name: row.name,
      parameters: row.parameters,
      volatility: volatilities[row.volatility],
      returnsSet: row.returns_set,
      returnKind: row.return_kind,
    };
    if (row.return_schema && row.return_table) {
      routine.returnRelation = { schema: row.return_schema, name: row.return_table };
    }
    const key = qualifiedKey(row.schema, row.name);
    cache.routines.set(key, [...(cache.routines.get(key) ?? []), routine]);
  }
  for (const row of settings.rows) {
    const pairs = row.settings.map((setting): [string, string] => {
      const eq = setting.indexOf('=');
      return [setting.slice(0, eq), setting.slice(eq + 1)];
    });
    cache.roleSettings.set(row.role, [...(cache.roleSettings.get(row.role) ?? []), ...pairs]);
  }
  return cache;
}
