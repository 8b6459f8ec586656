/**
 * The JSON body of a write (ApiRequest/Payload.hs): an object or an array of objects whose keys
 * must match unless `columns=` names them. Only validated here; Postgres reads the original text.
 */
import { RestError } from './errors';

export interface Payload {
  /** JSON text of an array of row objects. */
  rowsJson: string;
  /** Keys of the rows (all rows share them unless `columns=` was given). */
  keys: string[];
  isArray: boolean;
}

export function parsePayload(text: string | undefined, columns: string[] | undefined): Payload {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw RestError.invalidJson();
  }
  const isObject = (item: unknown): item is Record<string, unknown> =>
    typeof item === 'object' && item !== null && !Array.isArray(item);
  if (isObject(value)) {
    return { rowsJson: `[${text}]`, keys: columns ?? Object.keys(value), isArray: false };
  }
  if (!Array.isArray(value) || !value.every(isObject)) throw RestError.invalidJson();
  if (columns) return { rowsJson: text as string, keys: columns, isArray: true };
  const first = Object.keys(value[0] ?? {});
  const sameKeys = value.every((row) => {
    const keys = Object.keys(row);
    return keys.length === first.length && keys.every((key) => first.includes(key));
  });
  if (!sameKeys) throw RestError.invalidJson('All object keys must match');
  return { rowsJson: text as string, keys: first, isArray: true };
}
