/** Renders filters and logic trees to SQL (SqlFragment.pgFmtFilter / pgFmtLogicTree). */
import { compareOperators, ftsOperators, type Condition, type Field, type Filter } from '../query-parser/ast';
import type { Relation } from '../schema-cache';
import { arrayLiteral, ident, type Params } from './sql';

export interface ConditionScope {
  alias: string;
  relation?: Relation;
  params: Params;
  /** Embeds in this node's select, by output name: `rel=is.null` tests the embed itself. */
  embedBodies: Map<string, string>;
}

export function fieldSql(alias: string, field: Field, params: Params): string {
  let sql = `${ident(alias)}.${ident(field.name)}`;
  for (const step of field.jsonPath) {
    const key = /^-?\d+$/.test(step.key)
      ? `${params.add(Number(step.key))}::int4`
      : `${params.add(step.key)}::text`;
    sql = `${sql}${step.arrow}${key}`;
  }
  return sql;
}

export function conditionSql(condition: Condition, scope: ConditionScope): string {
  if (condition.kind === 'filter') return filterSql(condition.filter, scope);
  const joined = condition.children
    .map((child) => conditionSql(child, scope))
    .join(` ${condition.operator} `);
  return condition.negated ? `not (${joined})` : `(${joined})`;
}

const likePattern = (value: string) => value.replaceAll('*', '%');

function filterSql(filter: Filter, scope: ConditionScope): string {
  const sql = operationSql(filter, scope);
  return filter.negated ? `not (${sql})` : sql;
}

function operationSql(filter: Filter, scope: ConditionScope): string {
  const { params } = scope;
  const { operation, field } = filter;
  const embedBody = field.jsonPath.length === 0 ? scope.embedBodies.get(field.name) : undefined;
  if (
    embedBody !== undefined &&
    operation.kind === 'is' &&
    (operation.value === 'null' || operation.value === 'not_null')
  ) {
    return `${embedBody} is ${operation.value === 'null' ? 'null' : 'not null'}`;
  }
  const column = fieldSql(scope.alias, field, params);
  switch (operation.kind) {
    case 'compare': {
      const isLike = operation.operator === 'like' || operation.operator === 'ilike';
      const value = isLike ? likePattern(operation.value) : operation.value;
      return `${column} ${compareOperators[operation.operator]} ${params.add(value)}`;
    }
    case 'quantified': {
      const isLike = operation.operator === 'like' || operation.operator === 'ilike';
      const values = isLike ? operation.values.map(likePattern) : operation.values;
      return `${column} ${compareOperators[operation.operator]} ${operation.quantifier}(${params.add(arrayLiteral(values))})`;
    }
    case 'in':
      return `${column} = any(${params.add(arrayLiteral(operation.values))})`;
    case 'is':
      return `${column} is ${operation.value === 'not_null' ? 'not null' : operation.value}`;
    case 'fts': {
      const config = operation.config === undefined ? '' : `${params.add(operation.config)}::regconfig, `;
      const isTsvector =
        field.jsonPath.length === 0 && scope.relation?.columns.get(field.name)?.typeName === 'tsvector';
      const document = isTsvector ? column : `to_tsvector(${config}${column})`;
      return `${document} @@ ${ftsOperators[operation.operator]}(${config}${params.add(operation.value)})`;
    }
  }
}
