/**
 * The statement for a read (and for a set-returning RPC): one row `(total, page_total, body)` with
 * the JSON body built by Postgres (Statements.hs mainRead).
 */
import { assembleNode, fromWhereSql, type NodeSql } from './select-tree';

export interface BodyFormat {
  /**
   * `object`: the singular media type, first element (caller checks that there is exactly one);
   * `csv`: text/csv.
   */
  shape: 'array' | 'object' | 'csv';
  stripNulls: boolean;
  /** `application/vnd.pgrst.plan`: answer with the EXPLAIN of the statement for this format. */
  plan?: { format: 'json' | 'text'; options: string[]; forMedia: string };
}

const PLAN_OPTIONS = new Set(['analyze', 'verbose', 'settings', 'buffers', 'wal']);

/** EXPLAIN of a statement as PostgREST builds it (Statements.hs explainF). */
export function explainStatement(sql: string, plan: NonNullable<BodyFormat['plan']>): string {
  const options = [`format ${plan.format}`, ...plan.options.filter((option) => PLAN_OPTIONS.has(option))];
  return `explain (${options.join(', ')}) ${sql}`;
}

/** The CTE holding the page's rows; the body aggregates it as `pgrst_t`. */
export const PAGE = 'pgrst_page';

export function bodySql(format: BodyFormat): string {
  const row = format.stripNulls ? `json_strip_nulls(row_to_json("pgrst_t"))` : '"pgrst_t"';
  switch (format.shape) {
    case 'object':
      return `coalesce((json_agg(${row}) -> 0)::text, 'null')`;
    case 'array':
      return `coalesce(json_agg(${row}), '[]')::text`;
    case 'csv':
      // As PostgREST (Statements.asCsvF): a header from the first row's keys, then each row's
      // composite text without its parentheses.
      return (
        `(select coalesce(string_agg(pgrst_k, ','), '') from (select json_object_keys(row_to_json(pgrst_h)) as pgrst_k ` +
        `from (select * from ${PAGE} limit 1) as pgrst_h) as pgrst_keys) || E'\\n' || ` +
        `coalesce(string_agg(substring("pgrst_t"::text, 2, length("pgrst_t"::text) - 2), E'\\n'), '')`
      );
  }
}

/**
 * `count`: `exact` counts every filtered row; `capped` counts at most `cap + 1` of them (for
 * `count=estimated`, which switches to the planner's estimate past db-max-rows).
 */
export function readStatement(
  root: NodeSql,
  format: BodyFormat,
  count?: { mode: 'exact' } | { mode: 'capped'; cap: number },
): string {
  let total = 'null::bigint';
  if (count?.mode === 'exact') total = `(select count(*) ${fromWhereSql(root, 'filtering')})`;
  if (count?.mode === 'capped')
    total = `(select count(*) from (select 1 ${fromWhereSql(root, 'filtering')} limit ${count.cap + 1}) as pgrst_capped)`;
  return `with ${PAGE} as (${assembleNode(root)}) select ${total} as total, count(*) as page_total, ${bodySql(format)} as body from ${PAGE} as "pgrst_t"`;
}

/** For `count=planned`: EXPLAIN of the filtered relation, whose top plan node's row estimate is the count. */
export function plannedCountStatement(root: NodeSql): string {
  return `explain (format json) select 1 from (${assembleNode(root)}) as "pgrst_t"`;
}
