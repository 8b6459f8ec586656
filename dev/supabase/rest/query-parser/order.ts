/** `order=col.desc.nullslast,rel(col).asc,data->>k` (QueryParams.pOrder). */
import type { OrderTerm } from './ast';
import { Cursor } from './cursor';
import { parseField, parseName } from './field';

export function parseOrder(input: string): OrderTerm[] {
  const cursor = new Cursor(input, 'order');
  const terms: OrderTerm[] = [];
  do terms.push(parseTerm(cursor));
  while (cursor.eat(','));
  cursor.expectEnd(['","']);
  return terms;
}

function parseTerm(cursor: Cursor): OrderTerm {
  const start = cursor.position;
  const name = parseName(cursor);
  let term: OrderTerm;
  if (cursor.eat('(')) {
    term = { relation: name, field: parseField(cursor) };
    cursor.expect(')');
  } else {
    cursor.position = start;
    term = { field: parseField(cursor) };
  }
  while (cursor.eat('.')) {
    const word = cursor.takeWhile((char) => /[a-z]/.test(char));
    if (word === 'asc' || word === 'desc') {
      if (term.direction || term.nulls) throw cursor.error(['"nullsfirst"', '"nullslast"']);
      term.direction = word;
    } else if (word === 'nullsfirst' || word === 'nullslast') {
      if (term.nulls) throw cursor.error(['","']);
      term.nulls = word === 'nullsfirst' ? 'first' : 'last';
    } else {
      cursor.position -= word.length;
      throw cursor.error(['"asc"', '"desc"', '"nullsfirst"', '"nullslast"']);
    }
  }
  return term;
}
