/** `columns=` and `on_conflict=`: comma-separated, possibly double-quoted column names. */
import { Cursor } from './cursor';
import { parseName } from './field';

export function parseColumnList(input: string, what: 'columns' | 'on_conflict'): string[] {
  const cursor = new Cursor(input, what);
  const names: string[] = [];
  do names.push(parseName(cursor, ['column name']));
  while (cursor.eat(','));
  cursor.expectEnd(['","']);
  return names;
}
