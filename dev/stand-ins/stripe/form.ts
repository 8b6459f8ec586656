/**
 * Decodes Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys
 * (`line_items[0][price]=price_x&metadata[user_id]=u1&expand[0]=customer`), the format stripe-node
 * sends, into nested objects. Objects whose keys are all indices become arrays.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export function decodeForm(params: URLSearchParams): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of params) {
    const path = keyPath(rawKey);
    let node: FormObject = root;
    path.forEach((segment, index) => {
      // `expand[]=a&expand[]=b` (no index) appends.
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) {
        node[key] = value;
        return;
      }
      const next = node[key];
      if (typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as FormObject;
    });
  }
  return arraysFromIndices(root) as FormObject;
}

function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const rest = [...key.slice(first).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1] ?? '');
  return [key.slice(0, first), ...rest];
}

function arraysFromIndices(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, arraysFromIndices(value[key] as FormValue)] as const);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
  }
  return Object.fromEntries(entries);
}

/** Reads a nested string (`field(body, 'metadata', 'user_id')`), or undefined. */
export function field(body: FormValue | undefined, ...path: Array<string | number>): string | undefined {
  let node: FormValue | undefined = body;
  for (const segment of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : node[String(segment)];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A nested object of strings, e.g. `metadata` (Stripe drops keys set to ''). */
export function stringMap(body: FormValue | undefined, ...path: string[]): Record<string, string> {
  let node: FormValue | undefined = body;
  for (const segment of path) {
    if (node === undefined || typeof node === 'string' || Array.isArray(node)) return {};
    node = node[segment];
  }
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return {};
  return Object.fromEntries(
    Object.entries(node).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
}
