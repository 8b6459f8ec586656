/** The only ways user input reaches SQL: quoted identifiers and numbered parameters. */

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** Collects parameter values; `add` returns the placeholder (`$3`). */
export class Params {
  readonly values: unknown[];

  /** `seed`: values already referenced by SQL built earlier (e.g. RPC arguments in a FROM item). */
  constructor(seed: unknown[] = []) {
    this.values = [...seed];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A Postgres array literal (`{"a","b\"c"}`) for `= any($1)` and the `(any)/(all)` modifiers. */
export function arrayLiteral(items: string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

/**
 * SQL spellings of casts PostgREST users write (`::integer`) mapped to catalog type names, so the
 * cast can be emitted as a quoted identifier rather than raw text.
 */
const castAliases: Record<string, string> = {
  integer: 'int4',
  int: 'int4',
  bigint: 'int8',
  smallint: 'int2',
  boolean: 'bool',
  real: 'float4',
  'double precision': 'float8',
  float: 'float8',
  decimal: 'numeric',
  'character varying': 'varchar',
  character: 'bpchar',
  char: 'bpchar',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz',
  'time without time zone': 'time',
};

export function castType(cast: string): string {
  const normalized = cast.trim().toLowerCase().replace(/\s+/g, ' ');
  return ident(castAliases[normalized] ?? normalized);
}
