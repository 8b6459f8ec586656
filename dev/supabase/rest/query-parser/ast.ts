/** The parsed form of a PostgREST query string (docs: references/api/tables_views.rst). */

export interface JsonPathStep {
  arrow: '->' | '->>';
  key: string;
}

/** A column reference, optionally followed by a JSON path (`data->a->>b`). */
export interface Field {
  name: string;
  jsonPath: JsonPathStep[];
}

export type AggregateFunction = 'count' | 'sum' | 'avg' | 'max' | 'min';

export type SelectItem =
  | { kind: 'star' }
  | {
      kind: 'column';
      /** `count()` has the field `*`. */
      field: Field;
      alias?: string;
      cast?: string;
      /** `col.sum()`, `count()` …, with the cast after it (`col.sum()::int`). */
      aggregate?: { fn: AggregateFunction; cast?: string };
    }
  | {
      kind: 'embed';
      /** Relation (or FK column / constraint) name as written. */
      name: string;
      alias?: string;
      hint?: string;
      joinType?: 'inner' | 'left';
      spread: boolean;
      select: SelectItem[];
    };

export const compareOperators = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
  isdistinct: 'is distinct from',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const;
export type CompareOperator = keyof typeof compareOperators;

/** Operators that accept the `(any)` / `(all)` modifier with a `{a,b}` list. */
export const quantifiableOperators: ReadonlySet<CompareOperator> = new Set([
  'eq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
]);

export const ftsOperators = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
} as const;
export type FtsOperator = keyof typeof ftsOperators;

export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Operation =
  | { kind: 'compare'; operator: CompareOperator; value: string }
  | { kind: 'quantified'; operator: CompareOperator; quantifier: 'any' | 'all'; values: string[] }
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: IsValue }
  | { kind: 'fts'; operator: FtsOperator; config?: string; value: string };

export interface Filter {
  field: Field;
  negated: boolean;
  operation: Operation;
}

export type Condition =
  | { kind: 'filter'; filter: Filter }
  | { kind: 'logic'; operator: 'and' | 'or'; negated: boolean; children: Condition[] };

export interface OrderTerm {
  field: Field;
  /** `rel(col)`: order the top level by a column of a to-one embed. */
  relation?: string;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Everything that applies to one node of the select tree (the root or an embed path). */
export interface NodeModifiers {
  conditions: Condition[];
  order: OrderTerm[];
  limit?: number;
  offset?: number;
}

export interface ApiQuery {
  select: SelectItem[];
  /** Keyed by embed path joined with '.', '' for the root. */
  modifiers: Map<string, NodeModifiers>;
  columns?: string[];
  onConflict?: string[];
  /** RPC GET/HEAD: parameters that are not filters (function arguments), in order. */
  rpcArguments: Array<[string, string]>;
}
