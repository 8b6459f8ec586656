/**
 * postgres_changes subscription parameters and their filters (`column=op.value`, ops
 * eq/neq/lt/lte/gt/gte/in as the Realtime server shipped with the CLI supports), evaluated on the
 * decoded WAL values the way realtime.check_equality_op does: both sides cast to the column type.
 */
export type ChangeEvent = 'INSERT' | 'UPDATE' | 'DELETE';

const OPERATORS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
type Operator = (typeof OPERATORS)[number];

export interface Filter {
  column: string;
  op: Operator;
  /** One value, or the list for `in`. */
  value: string | string[];
}

export interface ChangeParams {
  event: '*' | ChangeEvent;
  schema: string;
  table: string;
  filter: Filter | null;
}

export class SubscriptionError extends Error {}

export function parseChangeParams(raw: Record<string, unknown>): ChangeParams {
  const event = typeof raw.event === 'string' ? raw.event.toUpperCase() : '*';
  if (!['*', 'INSERT', 'UPDATE', 'DELETE'].includes(event)) {
    throw new SubscriptionError(`Error parsing \`event\` params: ${JSON.stringify(raw.event)}`);
  }
  const schema = typeof raw.schema === 'string' && raw.schema !== '' ? raw.schema : '*';
  const table = typeof raw.table === 'string' && raw.table !== '' ? raw.table : '*';
  const filter = typeof raw.filter === 'string' && raw.filter !== '' ? parseFilter(raw.filter) : null;
  return { event: event as ChangeParams['event'], schema, table, filter };
}

function parseFilter(text: string): Filter {
  const match = /^([^=]+)=([a-z]+)\.(.*)$/s.exec(text);
  const op = match?.[2] as Operator | undefined;
  if (!match || !op || !OPERATORS.includes(op)) {
    throw new SubscriptionError(`Error parsing \`filter\` params: ${JSON.stringify(text)}`);
  }
  const column = match[1]!;
  const value = match[3]!;
  if (op === 'in') {
    const list = /^\((.*)\)$/s.exec(value);
    if (!list) throw new SubscriptionError(`Error parsing \`filter\` params: ${JSON.stringify(text)}`);
    return { column, op, value: splitList(list[1]!) };
  }
  return { column, op, value };
}

/** `in.(a,"b,c",d)`: PostgREST-style list, double quotes protect commas. */
function splitList(body: string): string[] {
  const values: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < body.length && (match = pattern.exec(body))) {
    values.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!.trim());
  }
  return values;
}

const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);

function compare(type: string, left: string, right: string): number | null {
  if (NUMERIC_TYPES.has(type)) {
    const a = Number(left);
    const b = Number(right);
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (type === 'bool') {
    const bool = (value: string) => ['t', 'true', 'y', 'yes', 'on', '1'].includes(value.toLowerCase());
    return Number(bool(left)) - Number(bool(right));
  }
  if (type === 'uuid') {
    left = left.toLowerCase();
    right = right.toLowerCase();
  }
  if (type === 'timestamptz' || type === 'timestamp' || type === 'date') {
    const a = Date.parse(left.replace(' ', 'T'));
    const b = Date.parse(right.replace(' ', 'T'));
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a === b ? 0 : a < b ? -1 : 1;
  }
  return left === right ? 0 : left < right ? -1 : 1;
}

/**
 * Whether a row (raw WAL text values) passes the filter. A column the row does not carry (an
 * old record with only its key) passes, as realtime.is_visible_through_filters lets NULLs through.
 */
export function passesFilter(
  filter: Filter | null,
  row: Record<string, string | null>,
  types: Map<string, string>,
) {
  if (!filter) return true;
  const actual = row[filter.column];
  if (actual === undefined || actual === null) return actual === undefined;
  const type = types.get(filter.column) ?? 'text';
  const results = (Array.isArray(filter.value) ? filter.value : [filter.value]).map((value) =>
    compare(type, actual, value),
  );
  const first = results[0] ?? null;
  switch (filter.op) {
    case 'eq':
      return first === 0;
    case 'neq':
      return first !== null && first !== 0;
    case 'lt':
      return first !== null && first < 0;
    case 'lte':
      return first !== null && first <= 0;
    case 'gt':
      return first !== null && first > 0;
    case 'gte':
      return first !== null && first >= 0;
    case 'in':
      return results.includes(0);
  }
}

/** Realtime's `:erlang.phash2(params)` stand-in: a stable 27-bit integer per parameter set. */
export function changeParamsId(raw: Record<string, unknown>): number {
  const text = JSON.stringify(
    Object.keys(raw)
      .sort()
      .map((key) => [key, raw[key]]),
  );
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash & 0x7ffffff;
}
