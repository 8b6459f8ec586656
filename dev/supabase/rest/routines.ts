/**
 * Picks the function an RPC call means, as PostgREST's `findProc` (Plan.hs): a function matches
 * when the argument names cover its required parameters and stay within its parameters; if none
 * does, a function with a single unnamed json/jsonb parameter takes the whole JSON body. PGRST202
 * when nothing matches, PGRST203 when several do. Functions PostgREST cannot call (more than one
 * unnamed parameter, or one that is not json/jsonb/text/xml/bytea) are not in the schema cache.
 */
import { RestError } from './errors';
import { fuzzyBest } from './fuzzy';
import { qualifiedKey, type Routine, type SchemaCache } from './schema-cache';

/** One unnamed parameter: called positionally with the whole body (CallPlan.hs OnePosParam). */
export function hasSinglePositionalParameter(routine: Routine): boolean {
  const [only] = routine.parameters;
  return routine.parameters.length === 1 && only !== undefined && only.name === '';
}

export function isSingleJsonParameter(routine: Routine): boolean {
  const only = routine.parameters[0];
  return hasSinglePositionalParameter(routine) && (only?.type === 'json' || only?.type === 'jsonb');
}

export function routineOverloads(cache: SchemaCache, schema: string, name: string): Routine[] {
  return cache.routines.get(qualifiedKey(schema, name)) ?? [];
}

function matchesParameters(routine: Routine, given: Set<string>): boolean {
  if (routine.parameters.length === 0) return given.size === 0;
  const required = routine.parameters.filter((parameter) => !parameter.hasDefault).map((p) => p.name);
  const optional = new Set(routine.parameters.filter((parameter) => parameter.hasDefault).map((p) => p.name));
  const rest = [...given].filter((name) => !optional.has(name));
  return rest.length === required.length && required.every((name) => rest.includes(name));
}

const signature = (routine: Routine) =>
  `${routine.schema}.${routine.name}(${routine.parameters.map((p) => `${p.name} => ${p.type}`).join(', ')})`;

/**
 * PostgREST lists ambiguous candidates ordered by their parameter lists (Haskell's derived order:
 * element by element, each by name then type; a shorter list first) — not in catalog order,
 * which changes as functions are added.
 */
function byParameters(left: Routine, right: Routine): number {
  const length = Math.min(left.parameters.length, right.parameters.length);
  for (let i = 0; i < length; i += 1) {
    const [a, b] = [left.parameters[i]!, right.parameters[i]!];
    const order = a.name.localeCompare(b.name, 'en') || a.type.localeCompare(b.type, 'en');
    if (order !== 0) return order;
  }
  return left.parameters.length - right.parameters.length;
}

export function resolveRoutine(
  cache: SchemaCache,
  schema: string,
  name: string,
  argumentNames: string[],
  isPost: boolean,
): Routine {
  const overloads = routineOverloads(cache, schema, name);
  const given = new Set(argumentNames);
  const matching = overloads.filter((routine) => matchesParameters(routine, given));
  const fallback = overloads.filter(
    (routine) => !matchesParameters(routine, given) && isPost && isSingleJsonParameter(routine),
  );
  const candidates = matching.length > 0 ? matching : fallback;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new RestError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${[...candidates].sort(byParameters).map(signature).join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    );
  }
  throw noSuchRoutine(cache, schema, name, [...given].sort(), isPost, overloads);
}

/** PGRST202 with Error.hs's texts (NoRpc). */
function noSuchRoutine(
  cache: SchemaCache,
  schema: string,
  name: string,
  keys: string[],
  isPost: boolean,
  overloads: Routine[],
): RestError {
  const fn = `${schema}.${name}`;
  const list = keys.join(', ');
  const message = keys.length ? `(${list})` : ' without parameters';
  const searched = keys.length
    ? ` with parameter${keys.length > 1 ? 's' : ''} ${list}`
    : ' without parameters';
  return new RestError(
    404,
    'PGRST202',
    `Could not find the function ${fn}${message} in the schema cache`,
    `Searched for the function ${fn}${searched}${isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    routineHint(cache, schema, name, keys, overloads),
  );
}

/** noRpcHint (Error.hs): a similar function name, or for an existing name a similar parameter list. */
function routineHint(
  cache: SchemaCache,
  schema: string,
  name: string,
  keys: string[],
  overloads: Routine[],
): string | null {
  if (overloads.length === 0) {
    const names = [...cache.routines.values()]
      .flat()
      .filter((r) => r.schema === schema)
      .map((r) => r.name);
    const best = fuzzyBest(names, name, 0.75);
    return best === undefined ? null : `Perhaps you meant to call the function ${schema}.${best}`;
  }
  const asText = (names: string[]) => `(${[...names].sort().join(', ')})`;
  const best = fuzzyBest(
    overloads.map((routine) => asText(routine.parameters.map((p) => p.name))),
    asText(keys),
    0.33,
  );
  return best === undefined ? null : `Perhaps you meant to call the function ${schema}.${name}${best}`;
}

/** Table-name hints (PGRST205) use the same fuzzy search. */
export function similarName(candidates: Iterable<string>, name: string): string | undefined {
  return fuzzyBest(candidates, name, 0.75);
}
