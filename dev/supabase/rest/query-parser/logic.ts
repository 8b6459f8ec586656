/** Logic trees: `or=(a.eq.1,and(b.gte.2,b.lte.5),not.or(c.is.null,c.eq.0))` (QueryParams.pLogicTree). */
import type { Condition } from './ast';
import { Cursor } from './cursor';
import { parseJsonPath, parseName } from './field';
import { parseOperation } from './filter';

export function parseLogicTree(operator: 'and' | 'or', negated: boolean, input: string): Condition {
  const cursor = new Cursor(input, 'logic tree');
  const children = parseChildren(cursor);
  cursor.expectEnd([]);
  return { kind: 'logic', operator, negated, children };
}

function parseChildren(cursor: Cursor): Condition[] {
  cursor.expect('(');
  const children: Condition[] = [];
  do children.push(parseCondition(cursor));
  while (cursor.eat(','));
  cursor.expect(')');
  return children;
}

function parseCondition(cursor: Cursor): Condition {
  const start = cursor.position;
  const negated = cursor.eat('not.');
  for (const operator of ['and', 'or'] as const) {
    if (cursor.startsWith(`${operator}(`)) {
      cursor.expect(operator);
      return { kind: 'logic', operator, negated, children: parseChildren(cursor) };
    }
  }
  cursor.position = start;
  const name = parseName(cursor);
  const field = { name, jsonPath: parseJsonPath(cursor) };
  cursor.expect('.');
  return { kind: 'filter', filter: parseOperation(cursor, field, 'logic') };
}
