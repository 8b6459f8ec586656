/**
 * INSERT / UPDATE / DELETE statements shaped like PostgREST's (QueryBuilder.mutatePlanToQuery):
 * rows come from the JSON body through the table's own row type, `RETURNING 1` unless the
 * representation is wanted (so RLS SELECT policies apply only then), results aggregated in SQL.
 */
import type { Relation } from '../schema-cache';
import { PAGE, bodySql, type BodyFormat } from './read';
import { assembleNode, type NodeSql } from './select-tree';
import { ident, qualified, type Params } from './sql';

export type Returning =
  | { kind: 'minimal' }
  | { kind: 'representation' }
  /** `return=headers-only`: the primary key, for the Location header. */
  | { kind: 'keys'; columns: string[] };

export interface InsertSpec {
  relation: Relation;
  columns: string[];
  /** Placeholder of the JSON array of rows. */
  rows: string;
  /** `missing=default`: keys absent from an element take the column DEFAULT instead of NULL. */
  missingDefault: boolean;
  conflict?: { target: string[]; resolution: 'merge-duplicates' | 'ignore-duplicates' };
}

const INSERTED_MARKER = 'pgrst_inserted';

function returningSql(relation: Relation, returning: Returning, markInserted: boolean): string {
  const alias = ident(relation.name);
  const marker = markInserted ? `, (${alias}.xmax = 0) as ${INSERTED_MARKER}` : '';
  switch (returning.kind) {
    case 'minimal':
      return `returning 1${marker}`;
    case 'representation':
      return `returning ${alias}.*${marker}`;
    case 'keys':
      return `returning ${returning.columns.map((column) => `${alias}.${ident(column)}`).join(', ')}${marker}`;
  }
}

export function insertSql(spec: InsertSpec, params: Params, returning: Returning): string {
  const { relation } = spec;
  const table = qualified(relation.schema, relation.name);
  const values = spec.columns.map((name) => `pgrst_r.${ident(name)}`);
  const columnList = spec.columns.length ? ` (${spec.columns.map(ident).join(', ')})` : '';
  let rows = `from json_array_elements(${spec.rows}::json) as pgrst_e(j) `;
  if (spec.missingDefault) {
    // As PostgREST's fromJsonBodyF: every row is `jsonb_build_object(<column defaults>) || row`, so
    // defaults are evaluated for each row (a sequence advances even where the key is given).
    const defaults = spec.columns.flatMap((name) => {
      const fallback = relation.columns.get(name)?.defaultSql;
      return fallback ? [`${params.add(name)}::text, ${fallback}`] : [];
    });
    rows += `cross join lateral (select (jsonb_build_object(${defaults.join(', ')}) || pgrst_e.j::jsonb)::json as j) as pgrst_d `;
    rows += `cross join lateral json_populate_record(null::${table}, pgrst_d.j) as pgrst_r`;
  } else {
    rows += `cross join lateral json_populate_record(null::${table}, pgrst_e.j) as pgrst_r`;
  }
  let sql = `insert into ${table} as ${ident(relation.name)}${columnList} select ${values.join(', ')} ${rows}`;
  const markInserted = spec.conflict?.resolution === 'merge-duplicates';
  if (spec.conflict) {
    const target = `(${spec.conflict.target.map(ident).join(', ')})`;
    const updates = spec.columns.map((name) => `${ident(name)} = excluded.${ident(name)}`);
    sql +=
      spec.conflict.resolution === 'ignore-duplicates' || updates.length === 0
        ? ` on conflict ${target} do nothing`
        : ` on conflict ${target} do update set ${updates.join(', ')}`;
  }
  return `${sql} ${returningSql(relation, returning, markInserted)}`;
}

export function updateSql(
  relation: Relation,
  columns: string[],
  row: string,
  where: string[],
  returning: Returning,
): string {
  const table = qualified(relation.schema, relation.name);
  const alias = ident(relation.name);
  if (columns.length === 0) {
    // An empty body changes nothing (PostgREST: `SELECT … WHERE false`).
    const shape = returning.kind === 'minimal' ? '1' : `${alias}.*`;
    return `select ${shape} from ${table} as ${alias} where false`;
  }
  const assignments = columns.map((name) => `${ident(name)} = pgrst_r.${ident(name)}`).join(', ');
  return (
    `update ${table} as ${alias} set ${assignments} ` +
    `from json_populate_record(null::${table}, ${row}::json) as pgrst_r ` +
    `where ${where.join(' and ')} ${returningSql(relation, returning, false)}`
  );
}

export function deleteSql(relation: Relation, where: string[], returning: Returning): string {
  const alias = ident(relation.name);
  return `delete from ${qualified(relation.schema, relation.name)} as ${alias} where ${where.join(' and ')} ${returningSql(relation, returning, false)}`;
}

/**
 * Wraps a mutation: `(total, page_total, body, inserted)`. With the representation, `root` is the
 * select tree over the CTE (`pgrst_source`) so embeds work on mutation results too.
 */
export function mutationStatement(
  mutation: string,
  root: NodeSql | undefined,
  format: BodyFormat,
  markInserted: boolean,
  withKeys: boolean,
): string {
  const inserted = markInserted
    ? `(select count(*) from pgrst_source where ${INSERTED_MARKER})`
    : 'null::bigint';
  if (root) {
    return (
      `with pgrst_source as (${mutation}), ${PAGE} as (${assembleNode(root)}) ` +
      `select null::bigint as total, count(*) as page_total, ${bodySql(format)} as body, ${inserted} as inserted from ${PAGE} as "pgrst_t"`
    );
  }
  const head = `with pgrst_source as (${mutation}) select null::bigint as total`;
  const body = withKeys ? `coalesce(json_agg(pgrst_source), '[]')::text` : `''`;
  return `${head}, count(*) as page_total, ${body} as body, ${inserted} as inserted from pgrst_source`;
}
