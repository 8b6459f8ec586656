/**
 * Function calls for RPC (Statements.hs mainCall): arguments go through `json_to_record` typed by
 * the parameter types from the catalog, so JSON values are coerced by Postgres exactly like
 * PostgREST's; results are shaped by the return type.
 */
import type { Routine } from '../schema-cache';
import { hasSinglePositionalParameter } from '../routines';
import { ident, qualified, type Params } from './sql';

export interface RoutineCall {
  /** FROM items ending in the call aliased `pgrst_call`; `lateral` lets the call read `pgrst_args`. */
  from: string;
  /** A derived table of the call's rows, for composite results read through a select tree. */
  derivedTable: string;
}

/**
 * `argumentsJson`: the JSON text of the arguments object (or of the whole body for a single
 * unnamed json parameter). `given`: the argument names present.
 */
export function routineCall(
  routine: Routine,
  argumentsJson: string,
  given: string[],
  params: Params,
  scalarColumns: boolean,
): RoutineCall {
  const fn = qualified(routine.schema, routine.name);
  const alias = scalarColumns ? 'pgrst_call(pgrst_scalar)' : 'pgrst_call';
  if (hasSinglePositionalParameter(routine)) {
    // The whole body, cast to the parameter's type (catalog SQL: json, jsonb, text, xml, bytea).
    const call = `${fn}(${params.add(argumentsJson)}::${routine.parameters[0]!.type})`;
    return { from: `${call} as ${alias}`, derivedTable: `(select pgrst_call.* from ${call} as pgrst_call)` };
  }
  const used = routine.parameters.filter((parameter) => given.includes(parameter.name));
  if (used.length === 0) {
    return { from: `${fn}() as ${alias}`, derivedTable: `(select pgrst_call.* from ${fn}() as pgrst_call)` };
  }
  // Parameter types are `format_type` output from the catalog: SQL Postgres itself quoted.
  const record = used.map((parameter) => `${ident(parameter.name)} ${parameter.type}`).join(', ');
  const args = used
    .map(
      (parameter) =>
        `${parameter.variadic ? 'variadic ' : ''}${ident(parameter.name)} => pgrst_args.${ident(parameter.name)}`,
    )
    .join(', ');
  const argsFrom = `json_to_record(${params.add(argumentsJson)}::json) as pgrst_args(${record})`;
  const call = `${fn}(${args})`;
  return {
    from: `${argsFrom} cross join lateral ${call} as ${alias}`,
    derivedTable: `(select pgrst_call.* from ${argsFrom} cross join lateral ${call} as pgrst_call)`,
  };
}

/** Scalar and void results: `(total, page_total, body)`; sets of scalars are capped at `maxRows`. */
export function scalarCallStatement(
  routine: Routine,
  call: RoutineCall,
  exactCount: boolean,
  maxRows: number,
): string {
  if (routine.returnKind === 'void')
    return `select null::bigint as total, count(*) as page_total, '' as body from ${call.from}`;
  if (routine.returnsSet) {
    const total = exactCount ? `(select count(*) from ${call.from})` : 'null::bigint';
    return (
      `select ${total} as total, count(*) as page_total, coalesce(json_agg(pgrst_page.pgrst_scalar), '[]')::text as body ` +
      `from (select pgrst_call.pgrst_scalar from ${call.from} limit ${maxRows}) as pgrst_page`
    );
  }
  return `select null::bigint as total, 1::bigint as page_total, coalesce(to_json(pgrst_call.pgrst_scalar)::text, 'null') as body from ${call.from}`;
}
