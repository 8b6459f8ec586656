/** `select=` (vertical filtering and resource embedding). */
import type { AggregateFunction, SelectItem } from './ast';
import { Cursor } from './cursor';
import { parseJsonPath, parseName } from './field';

const aggregates: ReadonlySet<string> = new Set<AggregateFunction>(['count', 'sum', 'avg', 'max', 'min']);

export function parseSelect(input: string): SelectItem[] {
  const cursor = new Cursor(input, 'select parameter');
  const items = parseItems(cursor);
  cursor.expectEnd(['","']);
  return items;
}

function parseItems(cursor: Cursor): SelectItem[] {
  const items: SelectItem[] = [];
  if (cursor.atEnd || cursor.peek() === ')') return items;
  do items.push(parseItem(cursor));
  while (cursor.eat(','));
  return items;
}

/**
 * One select item, in the order of PostgREST's pFieldSelect (QueryParams.hs): `*`, then
 * `[alias:]count()[::cast]`, then `[alias:]field[->json][::cast][.agg()][::cast]`, else an embed.
 * Whether aggregates are allowed is the schema cache's business (db-aggregates-enabled).
 */
function parseItem(cursor: Cursor): SelectItem {
  if (cursor.eat('*')) return { kind: 'star' };
  if (cursor.eat('...')) return parseEmbed(cursor, parseName(cursor), undefined, true);

  let alias: string | undefined;
  let name = parseName(cursor);
  if (cursor.peek() === ':' && cursor.peek(1) !== ':') {
    cursor.expect(':');
    alias = name;
    if (cursor.eat('...')) throw cursor.error(['field name']);
    name = parseName(cursor);
  }
  if (name === 'count' && cursor.startsWith('()')) {
    cursor.expect('(');
    cursor.expect(')');
    const item: SelectItem = {
      kind: 'column',
      field: { name: '*', jsonPath: [] },
      aggregate: { fn: 'count' },
    };
    const aggregateCast = parseCast(cursor);
    if (aggregateCast !== undefined) item.aggregate!.cast = aggregateCast;
    if (alias !== undefined) item.alias = alias;
    return item;
  }
  if (cursor.peek() === '!' || cursor.peek() === '(') return parseEmbed(cursor, name, alias, false);
  const jsonPath = parseJsonPath(cursor);
  const cast = parseCast(cursor);
  let aggregate: { fn: AggregateFunction; cast?: string } | undefined;
  if (cursor.peek() === '.') {
    const mark = cursor.position;
    cursor.expect('.');
    const fn = cursor.takeWhile((char) => /[a-z]/.test(char));
    if (!aggregates.has(fn) || !cursor.startsWith('()')) {
      cursor.position = mark;
      throw cursor.error(['"->"', '"::"', '","']);
    }
    cursor.expect('(');
    cursor.expect(')');
    aggregate = { fn: fn as AggregateFunction };
    const aggregateCast = parseCast(cursor);
    if (aggregateCast !== undefined) aggregate.cast = aggregateCast;
  }
  const item: SelectItem = { kind: 'column', field: { name, jsonPath } };
  if (alias !== undefined) item.alias = alias;
  if (cast !== undefined) item.cast = cast;
  if (aggregate !== undefined) item.aggregate = aggregate;
  return item;
}

function parseCast(cursor: Cursor): string | undefined {
  if (!cursor.eat('::')) return undefined;
  const cast = cursor.takeWhile((char) => /[\p{L}\p{N}_ ]/u.test(char)).trim();
  if (cast === '') throw cursor.error(['cast type']);
  return cast;
}

function parseEmbed(cursor: Cursor, name: string, alias: string | undefined, spread: boolean): SelectItem {
  let hint: string | undefined;
  let joinType: 'inner' | 'left' | undefined;
  while (cursor.eat('!')) {
    const word = parseName(cursor, ['hint', '"inner"', '"left"']);
    if (word === 'inner' || word === 'left') joinType = word;
    else if (hint === undefined) hint = word;
    else throw cursor.error(['"inner"', '"left"']);
  }
  cursor.expect('(');
  const select = parseItems(cursor);
  cursor.expect(')');
  const item: SelectItem = { kind: 'embed', name, spread, select };
  if (alias !== undefined) item.alias = alias;
  if (hint !== undefined) item.hint = hint;
  if (joinType !== undefined) item.joinType = joinType;
  return item;
}
