/**
 * `/rpc/<fn>`: POST with a JSON object of arguments, GET/HEAD with arguments in the query string
 * (always READ ONLY); POST is READ ONLY too for STABLE/IMMUTABLE functions.
 */
import { RestError } from '../errors';
import { contentType } from '../media';
import { applied } from '../prefer';
import { parseApiQuery } from '../query-parser/api-query';
import type { ApiQuery } from '../query-parser/ast';
import type { RestResponse } from '../response';
import { contentRange, rangeStatus } from '../response';
import { isSingleJsonParameter, resolveRoutine, routineOverloads } from '../routines';
import { routineCall, scalarCallStatement } from '../sql-builder/rpc';
import { Params } from '../sql-builder/sql';
import { qualifiedKey, type Routine } from '../schema-cache';
import { inTransaction } from '../transaction';
import { assertMaxAffected, readRelation } from './read';
import { MAX_ROWS, baseHeaders, transactionSettings, type RestDeps, type RestRequest } from './request';

interface ScalarRow {
  total: string | null;
  page_total: string;
  body: string;
}

const reservedKeys = new Set([
  'select',
  'order',
  'limit',
  'offset',
  'or',
  'and',
  'columns',
  'on_conflict',
  'apikey',
]);

export async function handleRpc(deps: RestDeps, request: RestRequest, name: string): Promise<RestResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
    throw new RestError(405, 'PGRST101', `Cannot use the ${request.method} method on RPC`);
  }
  const isPost = request.method === 'POST';
  const body = isPost ? postArguments(request.body) : undefined;
  const overloads = routineOverloads(deps.cache, request.schema, name);
  if (overloads.length === 0) {
    // Unknown function: report it (PGRST202) before reading arguments as filters.
    const keys = body
      ? body.given
      : [...new Set(request.query.keys())].filter((key) => !reservedKeys.has(key));
    resolveRoutine(deps.cache, request.schema, name, keys, isPost);
  }
  const parameterNames = new Set(
    overloads.flatMap((routine) => routine.parameters.map((parameter) => parameter.name)),
  );
  const query = parseApiQuery(request.query, { isRpcArgument: (key) => !isPost && parameterNames.has(key) });

  if (body) {
    const routine = resolveRoutine(deps.cache, request.schema, name, body.given, true);
    if (!body.isObject && !isSingleJsonParameter(routine)) throw RestError.invalidJson();
    return callRoutine(
      deps,
      request,
      routine,
      body.text,
      body.given,
      query,
      routine.volatility !== 'volatile',
    );
  }
  // GET/HEAD: text arguments, cast by Postgres to the parameter types; repeated keys feed a variadic.
  const args: Record<string, string | string[]> = {};
  for (const [key, value] of query.rpcArguments) {
    const previous = args[key];
    args[key] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const given = Object.keys(args);
  const routine = resolveRoutine(deps.cache, request.schema, name, given, false);
  for (const parameter of routine.parameters) {
    const value = args[parameter.name];
    if (parameter.variadic && typeof value === 'string') args[parameter.name] = [value];
  }
  return callRoutine(deps, request, routine, JSON.stringify(args), given, query, true);
}

/** A POST body: an object of named arguments, or anything for a single unnamed json parameter. */
function postArguments(raw: string | undefined): { text: string; given: string[]; isObject: boolean } {
  const text = raw === undefined || raw.trim() === '' ? '{}' : raw;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw RestError.invalidJson();
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return { text, given: isObject ? Object.keys(value as object) : [], isObject };
}

async function callRoutine(
  deps: RestDeps,
  request: RestRequest,
  routine: Routine,
  argumentsJson: string,
  given: string[],
  query: ApiQuery,
  readOnly: boolean,
): Promise<RestResponse> {
  const params = new Params();
  const { preferences } = request;
  const maxAffected = preferences.handling === 'strict' ? preferences.maxAffected : undefined;
  if (maxAffected !== undefined) {
    // Plan.hs failMaxAffectedRpcReturnsSingle; the row count is checked inside the transaction.
    if (!routine.returnsSet) {
      throw new RestError(
        400,
        'PGRST128',
        'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
      );
    }
    applied(preferences, 'handling', 'strict');
    applied(preferences, 'max-affected', maxAffected);
  }
  if (routine.returnKind === 'composite') {
    const call = routineCall(routine, argumentsJson, given, params, false);
    const relation = routine.returnRelation
      ? deps.cache.relations.get(qualifiedKey(routine.returnRelation.schema, routine.returnRelation.name))
      : undefined;
    const source = { fromSql: call.derivedTable, alias: routine.name, ...(relation ? { relation } : {}) };
    return readRelation(deps, request, query, source, readOnly, !routine.returnsSet, params, maxAffected);
  }

  const call = routineCall(routine, argumentsJson, given, params, true);
  const sql = scalarCallStatement(routine, call, request.preferences.count !== undefined, MAX_ROWS);
  applied(request.preferences, 'count', request.preferences.count);
  const row = await inTransaction(
    deps.pool,
    transactionSettings(request, deps.cache, readOnly),
    async (client) => {
      const result = await client.query<ScalarRow>({ text: sql, values: params.values });
      const row = result.rows[0] as ScalarRow;
      assertMaxAffected(Number(row.page_total), maxAffected);
      return row;
    },
  );
  if (routine.returnKind === 'void') {
    const headers = baseHeaders(request, '');
    delete headers['content-type'];
    return { status: 204, headers, body: '' };
  }
  const pageTotal = Number(row.page_total);
  const total = request.preferences.count ? Number(row.total ?? pageTotal) : undefined;
  return {
    status: rangeStatus(pageTotal, total),
    headers: {
      ...baseHeaders(request, contentType(request.format)),
      'content-range': contentRange(0, pageTotal, total),
    },
    body: row.body,
  };
}
