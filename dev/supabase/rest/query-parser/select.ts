/** `select=` (vertical filtering and resource embedding). */
import { RestError } from '../errors';
import type { SelectItem } from './ast';
import { Cursor } from './cursor';
import { parseJsonPath, parseName } from './field';

const aggregates = new Set(['count', 'sum', 'avg', 'max', 'min']);

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

function aggregatesDisabled(): RestError {
  return new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed');
}

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
  if (cursor.peek() === '!' || cursor.peek() === '(') {
    if (aggregates.has(name) && cursor.startsWith('()')) throw aggregatesDisabled();
    return parseEmbed(cursor, name, alias, false);
  }
  const jsonPath = parseJsonPath(cursor);
  if (cursor.peek() === '.') {
    const mark = cursor.position;
    cursor.expect('.');
    const fn = cursor.takeWhile((char) => /[a-z]/.test(char));
    if (aggregates.has(fn) && cursor.startsWith('()')) throw aggregatesDisabled();
    cursor.position = mark;
    throw cursor.error(['"->"', '"::"', '","']);
  }
  let cast: string | undefined;
  if (cursor.eat('::')) {
    cast = cursor.takeWhile((char) => /[\p{L}\p{N}_ ]/u.test(char)).trim();
    if (cast === '') throw cursor.error(['cast type']);
  }
  const item: SelectItem = { kind: 'column', field: { name, jsonPath } };
  if (alias !== undefined) item.alias = alias;
  if (cast !== undefined) item.cast = cast;
  return item;
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
