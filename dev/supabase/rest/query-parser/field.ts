/** Column names and JSON paths, shared by select, filters and order. */
import type { Field, JsonPathStep } from './ast';
import type { Cursor } from './cursor';

/** Unquoted name characters (PostgREST: letters, digits, `_`, `$`, space, and `-` not before `>`). */
function isNameChar(cursor: Cursor, char: string, index: number): boolean {
  if (char === '-') return cursor.input[index + 1] !== '>';
  return /[\p{L}\p{N}_$ ]/u.test(char);
}

export function parseName(cursor: Cursor, expected: string[] = ['field name']): string {
  if (cursor.peek() === '"') return cursor.quoted();
  // Surrounding spaces (`select=id, name` typed by hand) are not part of an unquoted name.
  const name = cursor.takeWhile((char, index) => isNameChar(cursor, char, index)).trim();
  if (name === '') throw cursor.error(expected);
  return name;
}

function parseJsonKey(cursor: Cursor): string {
  if (cursor.peek() === '"') return cursor.quoted();
  const sign = cursor.eat('-') ? '-' : '';
  const key = cursor.takeWhile((char, index) => isNameChar(cursor, char, index));
  if (key === '') throw cursor.error(['json key']);
  return sign + key;
}

export function parseJsonPath(cursor: Cursor): JsonPathStep[] {
  const steps: JsonPathStep[] = [];
  for (;;) {
    const arrow = cursor.eat('->>') ? '->>' : cursor.eat('->') ? '->' : undefined;
    if (!arrow) return steps;
    steps.push({ arrow, key: parseJsonKey(cursor) });
  }
}

export function parseField(cursor: Cursor): Field {
  const name = parseName(cursor);
  return { name, jsonPath: parseJsonPath(cursor) };
}

/** Output name of a selected field: the last JSON key, else the column name (PostgREST). */
export function fieldOutputName(field: Field): string {
  return field.jsonPath.at(-1)?.key ?? field.name;
}
