/**
 * Builds the SELECT for one node of the select tree — the root relation or an embedded one — with
 * its filters, order and range. Embeds become LEFT JOIN LATERAL subqueries aggregated inside
 * Postgres (`row_to_json` for to-one, `json_agg` for to-many), as PostgREST's QueryBuilder does.
 */
import { RestError } from '../errors';
import type { ApiQuery, Condition, NodeModifiers, OrderTerm, SelectItem } from '../query-parser/ast';
import { fieldOutputName } from '../query-parser/field';
import type { Relation, SchemaCache } from '../schema-cache';
import { conditionSql, fieldSql, type ConditionScope } from './conditions';
import { isToOne, joinConditionSql, resolveRelationship } from './relationships';
import { castType, ident, qualified, type Params } from './sql';

export interface TreeContext {
  cache: SchemaCache;
  query: ApiQuery;
  params: Params;
  nextAlias: number;
  /** Modifier paths consumed so far; any left over name an embed that is not selected (PGRST108). */
  usedPaths: Set<string>;
}

export interface NodeSource {
  /** A FROM item that is already safe SQL: a qualified table, a CTE name or a derived table. */
  fromSql: string;
  alias: string;
  relation?: Relation;
  /** List a relation's columns instead of `alias.*` (mutation sources carry marker columns). */
  expandStar?: boolean;
}

export interface NodeSql {
  source: NodeSource;
  select: string[];
  outputNames: string[];
  joins: string[];
  where: string[];
  orderBy: string[];
  /** With aggregates (db-aggregates-enabled): every non-aggregated select expression. */
  groupBy: string[];
  /** Parameter placeholders. */
  limit?: string;
  offset?: string;
  /** The joins WHERE depends on (`!inner` embeds, `rel=is.null` filters): all a count needs. */
  filteringJoins: string[];
}

export interface NodeOptions {
  /** Conditions tying an embedded node to its parent. */
  joinConditions?: string[];
  /** Mutation results were filtered by the mutation itself. */
  skipFilters?: boolean;
  maxRows?: number;
  /** For a planned count: the filtered rows only, no order or range. */
  countOnly?: boolean;
}

const emptyModifiers: NodeModifiers = { conditions: [], order: [] };

export function buildNode(
  ctx: TreeContext,
  items: SelectItem[],
  path: string[],
  source: NodeSource,
  options: NodeOptions = {},
): NodeSql {
  const pathKey = path.join('.');
  ctx.usedPaths.add(pathKey);
  const modifiers = ctx.query.modifiers.get(pathKey) ?? emptyModifiers;
  const node: NodeSql = {
    source,
    select: [],
    outputNames: [],
    joins: [],
    where: [...(options.joinConditions ?? [])],
    orderBy: [],
    groupBy: [],
    filteringJoins: [],
  };
  // groupF (SqlFragment.hs): any aggregate groups by all the other select items.
  const grouped = hasAggregate(items);
  const groupKeys: string[] = [];
  const scope: ConditionScope = { alias: source.alias, params: ctx.params, embedBodies: new Map() };
  if (source.relation) scope.relation = source.relation;
  const toOneBodies = new Map<string, string>();
  const filteredNames = fieldNames(modifiers.conditions);

  for (const item of items) {
    if (item.kind === 'star') {
      const columns = source.relation ? [...source.relation.columns.keys()] : [];
      if (source.expandStar && source.relation) {
        node.select.push(...columns.map((column) => `${ident(source.alias)}.${ident(column)}`));
      } else {
        node.select.push(`${ident(source.alias)}.*`);
      }
      node.outputNames.push(...columns);
      continue;
    }
    if (item.kind === 'column') {
      let sql =
        item.field.name === '*' && item.aggregate ? '*' : fieldSql(source.alias, item.field, ctx.params);
      if (item.cast !== undefined) sql = `cast(${sql} as ${castType(item.cast)})`;
      if (item.aggregate) {
        if (!ctx.cache.config.aggregatesEnabled) {
          throw new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
        }
        sql = `${item.aggregate.fn}(${sql})`;
        if (item.aggregate.cast !== undefined) sql = `cast(${sql} as ${castType(item.aggregate.cast)})`;
      } else if (grouped) {
        groupKeys.push(sql);
      }
      // Postgres names `sum(x)` "sum", and so does PostgREST's JSON.
      const name = item.alias ?? (item.aggregate ? item.aggregate.fn : fieldOutputName(item.field));
      node.select.push(`${sql} as ${ident(name)}`);
      node.outputNames.push(name);
      continue;
    }

    // Embedded resource.
    if (!source.relation) {
      throw new RestError(
        400,
        'PGRST200',
        `Could not find a relationship between '${source.alias}' and '${item.name}' in the schema cache`,
      );
    }
    const relationship = resolveRelationship(ctx.cache, source.relation, item.name, item.hint);
    const target = relationship.target;
    ctx.nextAlias++;
    // PostgREST's aliases (Plan.hs): `<target>_<depth>` inside, `<table>_<name or alias>_<depth>`
    // for the join — so the same relation embedded twice without aliases fails as it does there
    // (42712 "table name … specified more than once").
    const depth = path.length + 1;
    const targetAlias = `${target.name}_${depth}`;
    const outputName = item.alias ?? item.name;
    const lateral = ident(`${source.relation.name}_${outputName}_${depth}`);
    const childPath = [
      ...path,
      ctx.query.modifiers.has([...path, outputName].join('.')) ? outputName : item.name,
    ];
    const child = buildNode(
      ctx,
      item.select,
      childPath,
      {
        // A computed relationship reads its function called with the parent row (fromF in SqlFragment.hs).
        fromSql: relationship.computed
          ? `${qualified(relationship.computed.schema, relationship.computed.name)}(${ident(source.alias)})`
          : qualified(target.schema, target.name),
        alias: targetAlias,
        relation: target,
      },
      { joinConditions: [joinConditionSql(relationship, targetAlias, source.alias)] },
    );
    const childSql = assembleNode(child);
    const toOne = isToOne(relationship);

    if (item.spread) {
      // To-one: the embed's columns join the parent row. To-many (PostgREST 13+): one array per column.
      const columns = child.outputNames.map((name) => ident(name));
      const join = toOne
        ? `left join lateral (${childSql}) as ${lateral} on true`
        : `left join lateral (select ${columns.map((c) => `json_agg(pgrst_e.${c}) as ${c}`).join(', ')} from (${childSql}) as pgrst_e) as ${lateral} on true`;
      node.joins.push(join);
      for (const [i, name] of child.outputNames.entries()) {
        const value = `${lateral}.${columns[i]}`;
        const expression = toOne ? value : `coalesce(${value}, '[]'::json)::jsonb`;
        node.select.push(`${expression} as ${ident(name)}`);
        node.outputNames.push(name);
        if (grouped) groupKeys.push(toOne ? value : expression);
      }
      continue;
    }

    const body = `${lateral}.body`;
    const aggregate = toOne ? 'row_to_json(pgrst_e)' : 'json_agg(pgrst_e)';
    const join = `left join lateral (select ${aggregate} as body from (${childSql}) as pgrst_e) as ${lateral} on true`;
    node.joins.push(join);
    if (item.joinType === 'inner' || filteredNames.has(outputName)) node.filteringJoins.push(join);
    if (item.select.length > 0) {
      // Grouped: as jsonb, which has the equality GROUP BY needs (PostgREST's embeds are jsonb).
      const expression = `${toOne ? body : `coalesce(${body}, '[]'::json)`}${grouped ? '::jsonb' : ''}`;
      node.select.push(`${expression} as ${ident(outputName)}`);
      node.outputNames.push(outputName);
      if (grouped) groupKeys.push(expression);
    }
    scope.embedBodies.set(outputName, body);
    if (toOne) toOneBodies.set(outputName, body);
    if (item.joinType === 'inner') node.where.push(`${body} is not null`);
  }

  if (!options.skipFilters) {
    node.where.push(...modifiers.conditions.map((condition) => conditionSql(condition, scope)));
  }
  node.groupBy = groupKeys;
  if (options.countOnly) return node;
  node.orderBy.push(
    ...modifiers.order.map((term) => orderTermSql(term, source.alias, ctx.params, toOneBodies)),
  );
  const limit =
    options.maxRows === undefined
      ? modifiers.limit
      : Math.min(modifiers.limit ?? options.maxRows, options.maxRows);
  if (limit !== undefined) node.limit = ctx.params.add(limit);
  if (modifiers.offset !== undefined) node.offset = ctx.params.add(modifiers.offset);
  return node;
}

function hasAggregate(items: SelectItem[]): boolean {
  return items.some((item) => item.kind === 'column' && item.aggregate !== undefined);
}

/** One `order=` term; `rel(col)` orders by a column of a to-one embed of this node. */
export function orderTermSql(
  term: OrderTerm,
  alias: string,
  params: Params,
  toOneBodies = new Map<string, string>(),
): string {
  let sql: string;
  if (term.relation !== undefined) {
    const body = toOneBodies.get(term.relation);
    if (body === undefined) {
      throw new RestError(
        400,
        'PGRST108',
        `'${term.relation}' is not an embedded resource in this request`,
        null,
        `Verify that '${term.relation}' is included in the 'select' query parameter.`,
      );
    }
    sql = `(${body}::jsonb -> ${params.add(term.field.name)}::text)`;
  } else {
    sql = fieldSql(alias, term.field, params);
  }
  const direction = term.direction ? ` ${term.direction}` : '';
  const nulls = term.nulls ? ` nulls ${term.nulls}` : '';
  return `${sql}${direction}${nulls}`;
}

function fieldNames(conditions: Condition[], names = new Set<string>()): Set<string> {
  for (const condition of conditions) {
    if (condition.kind === 'filter') names.add(condition.filter.field.name);
    else fieldNames(condition.children, names);
  }
  return names;
}

/** FROM … JOIN … WHERE …: what both the page (all joins) and the count (filtering joins) read. */
export function fromWhereSql(node: NodeSql, joinsUsed: 'all' | 'filtering'): string {
  const list = joinsUsed === 'all' ? node.joins : node.filteringJoins;
  const joins = list.length ? ` ${list.join(' ')}` : '';
  const where = node.where.length ? ` where ${node.where.join(' and ')}` : '';
  return `from ${node.source.fromSql} as ${ident(node.source.alias)}${joins}${where}`;
}

export function assembleNode(node: NodeSql): string {
  let sql = `select ${node.select.join(', ')} ${fromWhereSql(node, 'all')}`;
  if (node.groupBy.length) sql += ` group by ${node.groupBy.join(', ')}`;
  if (node.orderBy.length) sql += ` order by ${node.orderBy.join(', ')}`;
  if (node.limit !== undefined) sql += ` limit ${node.limit}`;
  if (node.offset !== undefined) sql += ` offset ${node.offset}`;
  return sql;
}

/** PGRST108 for `rel.col=…`/`rel.order=…` naming an embed the select does not contain. */
export function assertModifiersUsed(ctx: TreeContext): void {
  for (const key of ctx.query.modifiers.keys()) {
    if (ctx.usedPaths.has(key)) continue;
    const name = key.split('.').at(-1) as string;
    throw new RestError(
      400,
      'PGRST108',
      `'${name}' is not an embedded resource in this request`,
      null,
      `Verify that '${name}' is included in the 'select' query parameter.`,
    );
  }
}
