/** Filter values: `[not.]op[(modifier)].value` (QueryParams.pOpExpr). */
import {
  compareOperators,
  ftsOperators,
  quantifiableOperators,
  type CompareOperator,
  type Field,
  type Filter,
  type FtsOperator,
  type IsValue,
  type Operation,
} from './ast';
import { Cursor } from './cursor';

const operatorNames = [...Object.keys(compareOperators), 'in', 'is', ...Object.keys(ftsOperators)];
const isValues: ReadonlySet<string> = new Set(['null', 'not_null', 'true', 'false', 'unknown']);

/** How a plain value ends: at the end of input (query parameter) or at `,`/`)` (logic tree). */
export type ValueMode = 'rest' | 'logic';

export function parseFilterValue(field: Field, input: string): Filter {
  const cursor = new Cursor(input, 'filter');
  const filter = parseOperation(cursor, field, 'rest');
  cursor.expectEnd([]);
  return filter;
}

export function parseOperation(cursor: Cursor, field: Field, mode: ValueMode): Filter {
  const negated = cursor.eat('not.');
  const start = cursor.position;
  const name = cursor.takeWhile((char) => /[a-z_]/.test(char));
  if (!operatorNames.includes(name)) {
    cursor.position = start;
    throw cursor.error([...(negated ? [] : ['"not"']), `operator (${operatorNames.join(', ')})`]);
  }
  return { field, negated, operation: parseOperator(cursor, name, mode) };
}

function parseOperator(cursor: Cursor, name: string, mode: ValueMode): Operation {
  if (name === 'in') {
    cursor.expect('.');
    return { kind: 'in', values: parseList(cursor, '(', ')') };
  }
  if (name === 'is') {
    cursor.expect('.');
    const start = cursor.position;
    const value = cursor.takeWhile((char) => /[A-Za-z_]/.test(char)).toLowerCase();
    if (!isValues.has(value)) {
      cursor.position = start;
      throw cursor.error(['null', 'not_null', 'true', 'false', 'unknown']);
    }
    return { kind: 'is', value: value as IsValue };
  }
  if (name in ftsOperators) {
    let config: string | undefined;
    if (cursor.eat('(')) {
      config = cursor.takeWhile((char) => char !== ')');
      cursor.expect(')');
    }
    cursor.expect('.');
    const operation: Operation = {
      kind: 'fts',
      operator: name as FtsOperator,
      value: parseValue(cursor, mode),
    };
    if (config !== undefined) operation.config = config;
    return operation;
  }
  const operator = name as CompareOperator;
  if (quantifiableOperators.has(operator) && cursor.peek() === '(') {
    const quantifier = cursor.eat('(any)') ? 'any' : cursor.eat('(all)') ? 'all' : undefined;
    if (!quantifier) throw cursor.error(['"(any)"', '"(all)"']);
    cursor.expect('.');
    return { kind: 'quantified', operator, quantifier, values: parseList(cursor, '{', '}') };
  }
  cursor.expect('.');
  return { kind: 'compare', operator, value: parseValue(cursor, mode) };
}

/** A plain value: the rest of the input, or in a logic tree a quoted value, `{…}` literal or text up to `,`/`)`. */
function parseValue(cursor: Cursor, mode: ValueMode): string {
  if (mode === 'rest') return cursor.takeWhile(() => true);
  if (cursor.peek() === '"') return cursor.quoted();
  if (cursor.peek() === '{' || cursor.peek() === '[' || cursor.peek() === '(') return bracketed(cursor);
  return cursor.takeWhile((char) => char !== ',' && char !== ')');
}

/** A `{…}`, `[…)` or `(…)` literal taken verbatim (arrays, ranges, JSON) inside a logic tree. */
function bracketed(cursor: Cursor): string {
  const start = cursor.position;
  let depth = 0;
  let inQuotes = false;
  while (!cursor.atEnd) {
    const char = cursor.peek() as string;
    cursor.position += 1;
    if (char === '\\' && inQuotes) cursor.position += 1;
    else if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && '{[('.includes(char)) depth += 1;
    else if (!inQuotes && '}])'.includes(char)) {
      depth -= 1;
      if (depth === 0) return cursor.input.slice(start, cursor.position);
    }
  }
  throw cursor.error(['closing bracket']);
}

/** `(a,"b,c",d)` / `{a,b}`: items may be double-quoted with backslash escapes. */
function parseList(cursor: Cursor, open: string, close: string): string[] {
  cursor.expect(open);
  const items: string[] = [];
  if (cursor.eat(close)) return items;
  do {
    items.push(
      cursor.peek() === '"' ? cursor.quoted() : cursor.takeWhile((char) => char !== ',' && char !== close),
    );
  } while (cursor.eat(','));
  cursor.expect(close);
  return items;
}
