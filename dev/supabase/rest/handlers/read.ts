/** GET/HEAD on a table or view, and set-returning RPC results read through the same select tree. */
import type { PoolClient } from 'pg';
import { RestError } from '../errors';
import { applied } from '../prefer';
import { contentType } from '../media';
import type { ApiQuery, NodeModifiers } from '../query-parser/ast';
import { parseApiQuery } from '../query-parser/api-query';
import { headerValue } from '../request-auth';
import type { RestResponse } from '../response';
import { contentRange, rangeStatus } from '../response';
import { explainStatement, plannedCountStatement, readStatement } from '../sql-builder/read';
import {
  assertModifiersUsed,
  buildNode,
  type NodeSource,
  type NodeSql,
  type TreeContext,
} from '../sql-builder/select-tree';
import { Params, qualified } from '../sql-builder/sql';
import { Condemned, inTransaction } from '../transaction';
import {
  MAX_ROWS,
  baseHeaders,
  findRelation,
  transactionSettings,
  type RestDeps,
  type RestRequest,
} from './request';

interface ReadRow {
  total: string | null;
  page_total: string;
  body: string;
}

export async function handleRead(
  deps: RestDeps,
  request: RestRequest,
  relationName: string,
): Promise<RestResponse> {
  const relation = findRelation(deps.cache, request.schema, relationName);
  const query = parseApiQuery(request.query);
  applyRangeHeader(query, headerValue(request.headers.range));
  const source: NodeSource = {
    fromSql: qualified(relation.schema, relation.name),
    alias: relation.name,
    relation,
  };
  return readRelation(deps, request, query, source, true);
}

/**
 * `Range: 0-19` (with `Range-Unit: items`), the header form of offset/limit (pagination_count.rst);
 * intersected with `limit`/`offset` query parameters. supabase-js uses the parameters instead.
 */
function applyRangeHeader(query: ApiQuery, header: string | undefined): void {
  const match = header === undefined ? null : /^(?:items=)?(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return;
  const lower = Number(match[1]);
  const upper = match[2] === '' ? undefined : Number(match[2]);
  if (upper !== undefined && upper < lower) {
    throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', null);
  }
  const root = query.modifiers.get('') as NodeModifiers;
  const offset = Math.max(root.offset ?? 0, lower);
  root.offset = offset;
  if (upper !== undefined) {
    const headerLimit = upper - offset + 1;
    root.limit = root.limit === undefined ? headerLimit : Math.min(root.limit, headerLimit);
  }
}

/** Builds the root select tree; called again with fresh parameters for a planned count. */
function buildRoot(
  deps: RestDeps,
  query: ApiQuery,
  source: NodeSource,
  params: Params,
  countOnly = false,
): NodeSql {
  const ctx: TreeContext = { cache: deps.cache, query, params, nextAlias: 1, usedPaths: new Set() };
  const root = buildNode(ctx, query.select, [], source, countOnly ? { countOnly } : { maxRows: MAX_ROWS });
  assertModifiersUsed(ctx);
  return root;
}

export async function readRelation(
  deps: RestDeps,
  request: RestRequest,
  query: ApiQuery,
  source: NodeSource,
  readOnly: boolean,
  singleObject = false,
  seed: Params = new Params(),
  /** RPC with `Prefer: handling=strict, max-affected=n`: more rows roll back with PGRST124. */
  maxAffected?: number,
): Promise<RestResponse> {
  const { preferences } = request;
  const format = singleObject ? { ...request.format, shape: 'object' as const } : request.format;
  const params = new Params(seed.values);
  const root = buildRoot(deps, query, source, params);
  const count = preferences.count;
  applied(preferences, 'count', count);
  const sql = readStatement(
    root,
    format,
    count === 'exact'
      ? { mode: 'exact' }
      : count === 'estimated'
        ? { mode: 'capped', cap: MAX_ROWS }
        : undefined,
  );

  if (format.plan)
    return explainResponse(deps, request, explainStatement(sql, format.plan), params, readOnly);

  const row = await inTransaction(
    deps.pool,
    transactionSettings(request, deps.cache, readOnly),
    async (client) => {
      const result = await client.query<ReadRow>({ text: sql, values: params.values });
      const read = result.rows[0] as ReadRow;
      let total = read.total === null ? undefined : Number(read.total);
      if (count === 'planned' || (count === 'estimated' && total !== undefined && total > MAX_ROWS)) {
        total = await plannedCount(client, deps, query, source, seed);
      }
      const pageTotal = Number(read.page_total);
      assertMaxAffected(pageTotal, maxAffected);
      if (request.format.shape === 'object' && !singleObject && pageTotal !== 1) {
        throw new Condemned(RestError.notSingular(pageTotal));
      }
      return { body: read.body, pageTotal, total };
    },
  );

  const offset = query.modifiers.get('')?.offset ?? 0;
  if (row.total !== undefined && offset > row.total) {
    throw new RestError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      `An offset of ${offset} was requested, but there are only ${row.total} rows.`,
    );
  }
  return {
    status: rangeStatus(row.pageTotal, row.total),
    headers: {
      ...baseHeaders(request, contentType(format)),
      'content-range': contentRange(offset, row.pageTotal, row.total),
    },
    body: row.body,
  };
}

async function plannedCount(
  client: PoolClient,
  deps: RestDeps,
  query: ApiQuery,
  source: NodeSource,
  seed: Params,
): Promise<number> {
  const params = new Params(seed.values);
  const root = buildRoot(deps, query, source, params, true);
  const result = await client.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>({
    text: plannedCountStatement(root),
    values: params.values,
  });
  return result.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
}

/** failExceedsMaxAffectedPref (MainTx.hs): condemns the transaction. */
export function assertMaxAffected(affected: number, maxAffected: number | undefined): void {
  if (maxAffected !== undefined && affected > maxAffected) {
    throw new Condemned(
      new RestError(
        400,
        'PGRST124',
        'Query result exceeds max-affected preference constraint',
        `The query affects ${affected} rows`,
      ),
    );
  }
}

/**
 * `Accept: application/vnd.pgrst.plan` (db-plan-enabled): the EXPLAIN of the statement instead of
 * its result; JSON plans as Postgres prints them, text plans one line per row.
 */
export async function explainResponse(
  deps: RestDeps,
  request: RestRequest,
  sql: string,
  params: Params,
  readOnly: boolean,
): Promise<RestResponse> {
  if (!deps.cache.config.planEnabled) {
    throw new RestError(
      406,
      'PGRST107',
      `None of these media types are available: ${headerValue(request.headers.accept) ?? ''}`,
    );
  }
  const lines = await inTransaction(
    deps.pool,
    transactionSettings(request, deps.cache, readOnly),
    async (client) => {
      const result = await client.query<{ 'QUERY PLAN': unknown }>({ text: sql, values: params.values });
      return result.rows.map((row) => row['QUERY PLAN']);
    },
  );
  const body =
    request.format.plan?.format === 'json'
      ? JSON.stringify(lines[0])
      : lines.map((line) => `${String(line)}\n`).join('');
  return { status: 200, headers: baseHeaders(request, contentType(request.format)), body };
}
