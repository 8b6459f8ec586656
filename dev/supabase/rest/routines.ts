/**
 * Picks the function an RPC call means, as PostgREST does: overloads are told apart by the set of
 * argument names (parameters with defaults optional); a single unnamed json/jsonb parameter takes
 * the whole body. PGRST202 when nothing matches, PGRST203 when several do.
 */
import { RestError } from './errors';
import { qualifiedKey, type Routine, type SchemaCache } from './schema-cache';

export function isSingleJsonParameter(routine: Routine): boolean {
  const [only] = routine.parameters;
  return routine.parameters.length === 1 && only !== undefined && only.name === '' && (only.type === 'json' || only.type === 'jsonb');
}

export function routineOverloads(cache: SchemaCache, schema: string, name: string): Routine[] {
  return cache.routines.get(qualifiedKey(schema, name)) ?? [];
}

export function resolveRoutine(cache: SchemaCache, schema: string, name: string, argumentNames: string[], isPost: boolean): Routine {
  const overloads = routineOverloads(cache, schema, name);
  const given = new Set(argumentNames);
  const byName = overloads.filter((routine) => {
    const names = new Set(routine.parameters.map((parameter) => parameter.name));
    return (
      !isSingleJsonParameter(routine) &&
      [...given].every((argument) => names.has(argument)) &&
      routine.parameters.every((parameter) => parameter.hasDefault || given.has(parameter.name))
    );
  });
  const candidates = byName.length ? byName : overloads.filter((routine) => isPost && isSingleJsonParameter(routine));
  if (candidates.length === 1) return candidates[0] as Routine;
  if (candidates.length > 1) {
    const signatures = candidates
      .map((routine) => `${schema}.${name}(${routine.parameters.map((p) => `${p.name} => ${p.type}`).join(', ')})`)
      .join(', ');
    throw new RestError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${signatures}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    );
  }
  const sorted = [...given].sort();
  const withArgs = sorted.length ? `(${sorted.join(', ')})` : ' without parameters';
  const searched = sorted.length ? ` with parameters ${sorted.join(', ')}` : ' without parameters';
  throw new RestError(
    404,
    'PGRST202',
    `Could not find the function ${schema}.${name}${withArgs} in the schema cache`,
    `Searched for the function ${schema}.${name}${searched} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    suggestRoutine(cache, schema, name),
  );
}

function suggestRoutine(cache: SchemaCache, schema: string, name: string): string | null {
  const prefix = `${schema}.`;
  for (const key of cache.routines.keys()) {
    if (!key.startsWith(prefix)) continue;
    const candidate = key.slice(prefix.length);
    if (closeEnough(candidate, name)) return `Perhaps you meant to call the function ${key}`;
  }
  return null;
}

/** Levenshtein distance ≤ 2: enough for the "Perhaps you meant" hints. */
export function closeEnough(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return (previous[b.length] as number) <= 2;
}
