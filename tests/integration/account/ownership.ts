/**
 * What a user owns, found from the catalog rather than from a list: every row of `public` and
 * `private` reachable from the user's auth.users row by following foreign keys from parent to
 * child (chat_sessions by user_id, then chat_messages by session_id, ...). A table added later is
 * found by the same walk, so the deletion and export tests cover it without being edited.
 */
import type pg from 'pg';

export interface ForeignKey {
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
  /** pg_constraint.confdeltype: a = no action, r = restrict, c = cascade, n = set null, d = default. */
  onDelete: string;
}

export async function foreignKeys(db: pg.Pool): Promise<ForeignKey[]> {
  const { rows } = await db.query<ForeignKey & { columns: number }>(
    `select format('%I.%I', cn.nspname, c.relname) as child,
            a.attname as column,
            format('%I.%I', pn.nspname, p.relname) as parent,
            pa.attname as "parentColumn",
            k.confdeltype as "onDelete",
            cardinality(k.conkey) as columns
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
       join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
       join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
      where k.contype = 'f' and cn.nspname in ('public', 'private')`,
  );
  // A composite key also has a single-column key to the same parent in this schema; following the
  // first column alone would over-match, so composite keys are left out of the walk.
  return rows.filter((row) => row.columns === 1).map(({ columns: _ignored, ...key }) => key);
}

/** Rows (as jsonb) per table reachable from the user, keyed by their primary key. */
export type OwnedRows = Map<string, Map<string, Record<string, unknown>>>;

async function primaryKeyColumns(db: pg.Pool, table: string): Promise<string[]> {
  const { rows } = await db.query<{ attname: string }>(
    `select a.attname from pg_index i
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = $1::regclass and i.indisprimary order by a.attnum`,
    [table],
  );
  return rows.map((row) => row.attname);
}

export const rowKey = (row: Record<string, unknown>, columns: string[]) =>
  JSON.stringify(columns.map((column) => row[column]));

export async function ownedRows(db: pg.Pool, userId: string): Promise<OwnedRows> {
  const keys = await foreignKeys(db);
  const owned: OwnedRows = new Map([['auth.users', new Map([[userId, { id: userId }]])]]);
  const pkCache = new Map<string, string[]>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const key of keys) {
      const parents = owned.get(key.parent);
      if (!parents || parents.size === 0) continue;
      // Walking down through the user's account's nullable "set null" links of other tables is fine:
      // only rows whose key column holds one of the owned parent's values are taken.
      const values = [...parents.values()].map((row) => String(row[key.parentColumn]));
      const { rows } = await db.query<{ row: Record<string, unknown> }>(
        `select to_jsonb(t) as row from ${key.child} t where t.${key.column}::text = any($1::text[])`,
        [values],
      );
      let pk = pkCache.get(key.child);
      if (!pk) {
        pk = await primaryKeyColumns(db, key.child);
        pkCache.set(key.child, pk);
      }
      const table = owned.get(key.child) ?? new Map<string, Record<string, unknown>>();
      owned.set(key.child, table);
      for (const { row } of rows) {
        const id = rowKey(row, pk);
        if (!table.has(id)) {
          table.set(id, row);
          grew = true;
        }
      }
    }
  }
  owned.delete('auth.users');
  return owned;
}

export async function primaryKeyOf(db: pg.Pool, table: string): Promise<string[]> {
  return primaryKeyColumns(db, table);
}

/** Tables reachable from auth.users at all (whether or not a given user has rows there). */
export function ownedTables(keys: ForeignKey[]): Set<string> {
  const reached = new Set<string>(['auth.users']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const key of keys) {
      if (reached.has(key.parent) && !reached.has(key.child)) {
        reached.add(key.child);
        grew = true;
      }
    }
  }
  reached.delete('auth.users');
  return reached;
}
