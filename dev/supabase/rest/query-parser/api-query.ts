/**
 * Reads the whole query string into an `ApiQuery` (QueryParams.hs): reserved keys, filters on the
 * root and on embed paths (`rel.col=eq.1`), logic trees (`or=`, `rel.not.and=`), order/limit/offset.
 */
import { RestError } from '../errors';
import type { ApiQuery, Field, NodeModifiers } from './ast';
import { parseColumnList } from './columns';
import { Cursor } from './cursor';
import { parseJsonPath, parseName } from './field';
import { parseFilterValue } from './filter';
import { parseLogicTree } from './logic';
import { parseOrder } from './order';
import { parseSelect } from './select';

export interface ParseOptions {
  /** RPC GET/HEAD: whether a key names a function parameter (then it is an argument, not a filter). */
  isRpcArgument?: (key: string) => boolean;
}

export function parseApiQuery(params: URLSearchParams, options: ParseOptions = {}): ApiQuery {
  const query: ApiQuery = { select: [{ kind: 'star' }], modifiers: new Map(), rpcArguments: [] };
  const modifiersFor = (path: string[]): NodeModifiers => {
    const key = path.join('.');
    let modifiers = query.modifiers.get(key);
    if (!modifiers) {
      modifiers = { conditions: [], order: [] };
      query.modifiers.set(key, modifiers);
    }
    return modifiers;
  };
  modifiersFor([]);

  for (const [key, value] of params) {
    if (key === 'select') {
      query.select = parseSelect(value);
      continue;
    }
    if (key === 'columns') {
      query.columns = parseColumnList(value, 'columns');
      continue;
    }
    if (key === 'on_conflict') {
      query.onConflict = parseColumnList(value, 'on_conflict');
      continue;
    }
    if (key === 'apikey') continue; // consumed by the gateway
    if (options.isRpcArgument?.(key)) {
      query.rpcArguments.push([key, value]);
      continue;
    }
    const { path, field } = parseKey(key);
    const last = field.jsonPath.length === 0 ? field.name : undefined;
    const modifiers = () => modifiersFor(path);
    if (last === 'order') modifiers().order.push(...parseOrder(value));
    else if (last === 'limit') modifiers().limit = parseCount(value, 'limit');
    else if (last === 'offset') modifiers().offset = parseCount(value, 'offset');
    else if (last === 'or' || last === 'and') {
      const negated = path.at(-1) === 'not';
      const target = negated ? path.slice(0, -1) : path;
      modifiersFor(target).conditions.push(parseLogicTree(last, negated, value));
    } else {
      modifiers().conditions.push({ kind: 'filter', filter: parseFilterValue(field, value) });
    }
  }
  return query;
}

/** `rel.child.col->>k` → path [rel, child], field col->>k. */
function parseKey(key: string): { path: string[]; field: Field } {
  const cursor = new Cursor(key, 'filter key');
  const names = [parseName(cursor)];
  while (cursor.eat('.')) names.push(parseName(cursor));
  const jsonPath = parseJsonPath(cursor);
  cursor.expectEnd(['"."', '"->"']);
  const name = names.pop() as string;
  return { path: names, field: { name, jsonPath } };
}

function parseCount(value: string, what: 'limit' | 'offset'): number {
  const cursor = new Cursor(value, `${what} parameter`);
  const digits = cursor.takeWhile((char) => char >= '0' && char <= '9');
  if (digits === '') throw cursor.error(['digit']);
  cursor.expectEnd(['digit']);
  const count = Number(digits);
  if (!Number.isSafeInteger(count))
    throw RestError.parse(`"failed to parse ${what} parameter (${value})"`, 'number too large');
  return count;
}
