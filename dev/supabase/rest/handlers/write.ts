/** POST (insert/upsert), PUT (single-row upsert), PATCH (update) and DELETE on a table or view. */
import { RestError } from '../errors';
import { contentType } from '../media';
import { parsePayload } from '../payload';
import { applied } from '../prefer';
import { parseApiQuery } from '../query-parser/api-query';
import type { ApiQuery } from '../query-parser/ast';
import type { RestResponse } from '../response';
import { conditionSql } from '../sql-builder/conditions';
import {
  deleteSql,
  insertSql,
  mutationStatement,
  updateSql,
  type InsertSpec,
  type Returning,
} from '../sql-builder/mutate';
import {
  assertModifiersUsed,
  buildNode,
  orderTermSql,
  type NodeSql,
  type TreeContext,
} from '../sql-builder/select-tree';
import { Params, ident, qualified } from '../sql-builder/sql';
import type { Relation } from '../schema-cache';
import { Condemned, inTransaction } from '../transaction';
import { baseHeaders, findRelation, transactionSettings, type RestDeps, type RestRequest } from './request';

interface WriteRow {
  page_total: string;
  body: string;
  inserted: string | null;
}

export async function handleWrite(
  deps: RestDeps,
  request: RestRequest,
  relationName: string,
): Promise<RestResponse> {
  const relation = findRelation(deps.cache, request.schema, relationName);
  const query = parseApiQuery(request.query);
  const { preferences } = request;
  const params = new Params();
  const returning = returningFor(request, relation);
  applied(preferences, 'return', preferences.return);

  const { mutation, markInserted } = planMutation(request, query, relation, params, returning);

  let root: NodeSql | undefined;
  if (returning.kind === 'representation') {
    const ctx: TreeContext = { cache: deps.cache, query, params, nextAlias: 1, usedPaths: new Set() };
    root = buildNode(
      ctx,
      query.select,
      [],
      { fromSql: 'pgrst_source', alias: relation.name, relation, expandStar: true },
      { skipFilters: true },
    );
    assertModifiersUsed(ctx);
  }
  const sql = mutationStatement(mutation, root, request.format, markInserted, returning.kind === 'keys');
  const strict = preferences.handling === 'strict' && preferences.maxAffected !== undefined;
  if (strict) {
    applied(preferences, 'handling', 'strict');
    applied(preferences, 'max-affected', preferences.maxAffected);
  }
  applied(preferences, 'count', preferences.count);

  const result = await inTransaction(
    deps.pool,
    transactionSettings(request, deps.cache, false),
    async (client) => {
      const row = (await client.query<WriteRow>({ text: sql, values: params.values })).rows[0] as WriteRow;
      const affected = Number(row.page_total);
      if (request.format.shape === 'object' && affected !== 1)
        throw new Condemned(RestError.notSingular(affected));
      if (strict && request.method !== 'POST' && affected > (preferences.maxAffected as number)) {
        throw new Condemned(
          new RestError(
            400,
            'PGRST124',
            'Query result exceeds max-affected preference constraint',
            `The query affects ${affected} rows`,
          ),
        );
      }
      return { affected, body: row.body, inserted: row.inserted === null ? undefined : Number(row.inserted) };
    },
  );

  const counted = preferences.count ? String(result.affected) : '*';
  const range =
    request.method === 'PATCH' && result.affected > 0
      ? `0-${result.affected - 1}/${counted}`
      : `*/${counted}`;
  const headers: Record<string, string> = {
    ...baseHeaders(request, contentType(request.format)),
    'content-range': range,
  };
  if (returning.kind !== 'representation') delete headers['content-type'];
  if (returning.kind === 'keys') {
    const location = locationOf(relation, result.body);
    if (location) headers.location = location;
  }
  let status = request.method === 'POST' ? 201 : returning.kind === 'representation' ? 200 : 204;
  if (markInserted && result.inserted === 0 && result.affected > 0) status = 200;
  return { status, headers, body: returning.kind === 'representation' ? result.body : '' };
}

/** The INSERT/UPDATE/DELETE itself; `markInserted` when an upsert must count inserted rows. */
function planMutation(
  request: RestRequest,
  query: ApiQuery,
  relation: Relation,
  params: Params,
  returning: Returning,
): { mutation: string; markInserted: boolean } {
  const { preferences } = request;
  if (request.method === 'DELETE') {
    return {
      mutation: deleteSql(relation, rootConditions(request, query, relation, params), returning),
      markInserted: false,
    };
  }
  const payload = parsePayload(request.body, query.columns);
  assertColumns(relation, payload.keys);
  if (request.method === 'PUT') {
    if (payload.isArray) throw RestError.invalidJson();
    assertPutMatchesPrimaryKey(
      query,
      relation,
      JSON.parse(request.body as string) as Record<string, unknown>,
    );
    const spec: InsertSpec = {
      relation,
      columns: payload.keys,
      rows: params.add(payload.rowsJson),
      missingDefault: false,
      conflict: { target: relation.primaryKey, resolution: 'merge-duplicates' },
    };
    return { mutation: insertSql(spec, params, returning), markInserted: false };
  }
  if (request.method === 'PATCH') {
    if (payload.isArray) throw RestError.invalidJson();
    const where = rootConditions(request, query, relation, params);
    return {
      mutation: updateSql(relation, payload.keys, params.add(request.body as string), where, returning),
      markInserted: false,
    };
  }
  applied(preferences, 'missing', preferences.missing);
  const spec: InsertSpec = {
    relation,
    columns: payload.keys,
    rows: params.add(payload.rowsJson),
    missingDefault: preferences.missing === 'default',
  };
  if (preferences.resolution) {
    applied(preferences, 'resolution', preferences.resolution);
    spec.conflict = { target: query.onConflict ?? relation.primaryKey, resolution: preferences.resolution };
  }
  return {
    mutation: insertSql(spec, params, returning),
    markInserted: preferences.resolution === 'merge-duplicates',
  };
}

function returningFor(request: RestRequest, relation: Relation): Returning {
  switch (request.preferences.return) {
    case 'representation':
      return { kind: 'representation' };
    case 'headers-only':
      return request.method === 'POST' && relation.primaryKey.length
        ? { kind: 'keys', columns: relation.primaryKey }
        : { kind: 'minimal' };
    default:
      return { kind: 'minimal' };
  }
}

function assertColumns(relation: Relation, columns: string[]): void {
  for (const column of columns) {
    if (!relation.columns.has(column)) throw RestError.unknownColumn(column, relation.name);
  }
}

/**
 * PUT upserts the one row its URL names: `eq` filters on exactly the primary key (PGRST105), whose
 * values the body repeats (PGRST115).
 */
function assertPutMatchesPrimaryKey(query: ApiQuery, relation: Relation, row: Record<string, unknown>): void {
  const modifiers = query.modifiers.get('');
  const keyFilters = new Map<string, string>();
  for (const condition of modifiers?.conditions ?? []) {
    const filter = condition.kind === 'filter' ? condition.filter : undefined;
    if (
      !filter ||
      filter.negated ||
      filter.field.jsonPath.length ||
      filter.operation.kind !== 'compare' ||
      filter.operation.operator !== 'eq'
    ) {
      keyFilters.clear();
      break;
    }
    keyFilters.set(filter.field.name, filter.operation.value);
  }
  const pk = relation.primaryKey;
  const limited = modifiers?.limit !== undefined || modifiers?.offset !== undefined;
  if (
    limited ||
    pk.length === 0 ||
    keyFilters.size !== pk.length ||
    !pk.every((column) => keyFilters.has(column))
  ) {
    throw new RestError(
      405,
      'PGRST105',
      "Filters must include all and only primary key columns with 'eq' operators",
    );
  }
  if (!pk.every((column) => column in row && String(row[column]) === keyFilters.get(column))) {
    throw new RestError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)');
  }
}

/**
 * PATCH/DELETE filters; none at all is refused like Supabase's pg-safeupdate does. `limit`/`offset`
 * need an explicit `order` (PGRST109) and pick the rows through their ctid, as PostgREST does.
 */
function rootConditions(request: RestRequest, query: ApiQuery, relation: Relation, params: Params): string[] {
  const modifiers = query.modifiers.get('') ?? { conditions: [], order: [] };
  const limited = modifiers.limit !== undefined || modifiers.offset !== undefined;
  if (modifiers.conditions.length === 0 && !limited) {
    const verb = request.method === 'PATCH' ? 'UPDATE' : 'DELETE';
    throw new RestError(400, '21000', `${verb} requires a WHERE clause`);
  }
  const alias = relation.name;
  const conditions = modifiers.conditions.map((condition) =>
    conditionSql(condition, { alias, relation, params, embedBodies: new Map() }),
  );
  if (!limited) return conditions;
  if (modifiers.order.length === 0) {
    throw new RestError(
      400,
      'PGRST109',
      "A 'limit' was applied without an explicit 'order'",
      null,
      "Apply an 'order' using unique column(s)",
    );
  }
  const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
  const order = modifiers.order.map((term) => orderTermSql(term, alias, params)).join(', ');
  const limit = modifiers.limit === undefined ? '' : ` limit ${params.add(modifiers.limit)}`;
  const offset = modifiers.offset === undefined ? '' : ` offset ${params.add(modifiers.offset)}`;
  const table = qualified(relation.schema, relation.name);
  return [
    `${ident(alias)}.ctid = any(array(select ${ident(alias)}.ctid from ${table} as ${ident(alias)}${where} order by ${order}${limit}${offset}))`,
  ];
}

/** `Location: /table?pk=eq.value` for `return=headers-only`. */
function locationOf(relation: Relation, keysJson: string): string | undefined {
  const [first] = JSON.parse(keysJson) as Array<Record<string, unknown>>;
  if (!first) return undefined;
  const search = relation.primaryKey.map(
    (column) => `${encodeURIComponent(column)}=eq.${encodeURIComponent(String(first[column]))}`,
  );
  return `/${encodeURIComponent(relation.name)}?${search.join('&')}`;
}
