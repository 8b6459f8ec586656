/**
 * The statement for a read (and for a set-returning RPC): one row `(total, page_total, body)` with
 * the JSON body built by Postgres (Statements.hs mainRead).
 */
import { ident } from './sql';
import { assembleNode, fromWhereSql, type NodeSql } from './select-tree';

export interface BodyFormat {
  /** `object`: the singular media type, first element (caller checks that there is exactly one). */
  shape: 'array' | 'object';
  stripNulls: boolean;
}

export function bodySql(rowsAlias: string, format: BodyFormat): string {
  const row = format.stripNulls ? `json_strip_nulls(row_to_json(${ident(rowsAlias)}))` : ident(rowsAlias);
  return format.shape === 'object'
    ? `coalesce((json_agg(${row}) -> 0)::text, 'null')`
    : `coalesce(json_agg(${row}), '[]')::text`;
}

export function readStatement(root: NodeSql, format: BodyFormat, exactCount: boolean): string {
  const total = exactCount ? `(select count(*) ${fromWhereSql(root, root.hasEmbeds)})` : 'null::bigint';
  return `select ${total} as total, count(*) as page_total, ${bodySql('pgrst_t', format)} as body from (${assembleNode(root)}) as "pgrst_t"`;
}

/** For `count=planned`: EXPLAIN of the filtered relation, whose top plan node's row estimate is the count. */
export function plannedCountStatement(root: NodeSql): string {
  return `explain (format json) select 1 from (${assembleNode(root)}) as "pgrst_t"`;
}
