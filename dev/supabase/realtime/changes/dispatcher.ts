/**
 * Delivers committed row changes to postgres_changes subscribers, as Realtime's walrus
 * (realtime.apply_rls) decides: the subscription's event/schema/table/filter must match, and for
 * INSERT and UPDATE the subscriber's role with its JWT claims must be able to SELECT the row
 * (checked against the live row by primary key, every distinct subscriber in one round trip).
 * DELETEs are not RLS-filtered (the row is gone); under RLS their old record is the key only.
 */
import type pg from 'pg';
import type { JwtClaims } from '../../jwt';
import { passesFilter, type ChangeParams } from './filters';
import type { CommittedTransaction, RawRow, RelationInfo, RowChange } from './replication';

export interface ChangeSubscriber {
  readonly role: string;
  readonly claims: JwtClaims;
  /** Writes one postgres_changes push (the `data` is pre-serialised JSON). */
  deliver(ids: number[], dataJson: string): void;
}

export interface Subscription {
  subscriber: ChangeSubscriber;
  id: number;
  params: ChangeParams;
}

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);

/** wal2json's value typing, which is what Realtime's payloads carry. */
function typedValue(type: string, raw: string | null): unknown {
  if (raw === null) return null;
  if (type === 'bool') return raw === 't';
  if (NUMBER_TYPES.has(type)) {
    const number = Number(raw);
    return Number.isFinite(number) ? number : raw;
  }
  if (type === 'json' || type === 'jsonb') {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

function typedRow(relation: RelationInfo, row: RawRow, only?: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const column of relation.columns) {
    if (only && !only.includes(column.name)) continue;
    const raw = row[column.name];
    if (raw === undefined) continue;
    result[column.name] = typedValue(column.type, raw);
  }
  return result;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export class ChangeDispatcher {
  private readonly subscriptions = new Set<Subscription>();
  private readonly rlsEnabled = new Map<number, { value: boolean; at: number }>();
  private readonly columnPrivileges = new Map<string, { columns: RelationInfo['columns']; at: number }>();

  constructor(private readonly pool: pg.Pool) {}

  add(subscription: Subscription): void {
    this.subscriptions.add(subscription);
  }

  removeSubscriber(subscriber: ChangeSubscriber): void {
    for (const subscription of this.subscriptions) {
      if (subscription.subscriber === subscriber) this.subscriptions.delete(subscription);
    }
  }

  get size(): number {
    return this.subscriptions.size;
  }

  async dispatch(transaction: CommittedTransaction): Promise<void> {
    for (const change of transaction.changes) {
      if (this.subscriptions.size === 0) return;
      await this.dispatchChange(change, transaction);
    }
  }

  private matching(change: RowChange): Map<ChangeSubscriber, number[]> {
    const { relation } = change;
    const types = new Map(relation.columns.map((column) => [column.name, column.type]));
    const row = change.type === 'DELETE' ? (change.oldRecord ?? {}) : (change.record ?? {});
    const matched = new Map<ChangeSubscriber, number[]>();
    for (const { subscriber, id, params } of this.subscriptions) {
      if (params.event !== '*' && params.event !== change.type) continue;
      if (params.schema !== '*' && params.schema !== relation.schema) continue;
      if (params.table !== '*' && params.table !== relation.table) continue;
      if (!passesFilter(params.filter, row, types)) continue;
      const ids = matched.get(subscriber);
      if (ids) {
        if (!ids.includes(id)) ids.push(id);
      } else matched.set(subscriber, [id]);
    }
    return matched;
  }

  private async dispatchChange(change: RowChange, transaction: CommittedTransaction): Promise<void> {
    const { commitTimestamp } = transaction;
    const matched = this.matching(change);
    if (matched.size === 0) return;
    const { relation } = change;
    const subscribers = [...matched.keys()];
    const groups = new Map<string, { role: string; claims: string; members: ChangeSubscriber[] }>();
    for (const subscriber of subscribers) {
      const claims = JSON.stringify(subscriber.claims);
      const key = `${subscriber.role}\u0000${claims}`;
      const group = groups.get(key);
      if (group) group.members.push(subscriber);
      else groups.set(key, { role: subscriber.role, claims, members: [subscriber] });
    }
    const groupList = [...groups.values()];

    const errors: string[] = [];
    let allowed: boolean[];
    let record = change.record ? this.withToastFromOld(change) : null;
    if (change.type === 'DELETE') {
      allowed = await this.canSelectTable(
        relation,
        groupList.map((group) => group.role),
      );
    } else if (relation.keyColumns.length === 0) {
      // walrus cannot check RLS without a primary key: it sends the error and no record.
      errors.push('Error 400: Bad Request, no primary key');
      record = {};
      allowed = await this.canSelectTable(
        relation,
        groupList.map((group) => group.role),
      );
    } else {
      allowed = await this.visibleTo(relation, change.record!, groupList, transaction.xid);
    }

    let oldRecord = change.oldRecord;
    if (change.type === 'DELETE' && oldRecord && (await this.hasRls(relation.oid))) {
      oldRecord = Object.fromEntries(
        relation.keyColumns.map((column) => [column, oldRecord![column] ?? null]),
      );
    }
    if (change.type === 'UPDATE' && !oldRecord && change.record) {
      oldRecord = Object.fromEntries(
        relation.keyColumns.map((column) => [column, change.record![column] ?? null]),
      );
    }

    // As walrus does, a role only gets the columns it may select (column-level grants).
    const payloads = new Map<string, string>();
    const payloadFor = async (role: string): Promise<string> => {
      const cached = payloads.get(role);
      if (cached) return cached;
      const visibleColumns = await this.selectableColumns(relation, role);
      const only = visibleColumns.map((column) => column.name);
      const data: Record<string, unknown> = {
        schema: relation.schema,
        table: relation.table,
        commit_timestamp: commitTimestamp,
        type: change.type,
        columns: visibleColumns,
        errors: errors.length > 0 ? errors : null,
      };
      if (change.type !== 'DELETE') data.record = record ? typedRow(relation, record, only) : {};
      if (change.type !== 'INSERT') data.old_record = oldRecord ? typedRow(relation, oldRecord, only) : {};
      const json = JSON.stringify(data);
      payloads.set(role, json);
      return json;
    };

    for (const [index, group] of groupList.entries()) {
      if (!allowed[index]) continue;
      const dataJson = await payloadFor(group.role);
      for (const subscriber of group.members) subscriber.deliver(matched.get(subscriber)!, dataJson);
    }
  }

  /** The relation's columns `role` may select; cached for a second per relation and role. */
  private async selectableColumns(relation: RelationInfo, role: string): Promise<RelationInfo['columns']> {
    const key = `${relation.oid}:${role}`;
    const cached = this.columnPrivileges.get(key);
    if (cached && Date.now() - cached.at < 1000) return cached.columns;
    const { rows } = await this.pool.query<{ allowed: boolean[] }>({
      text: `select array_agg(pg_catalog.has_column_privilege($1, $2::oid, name, 'select') order by n) as allowed
             from unnest($3::text[]) with ordinality as c(name, n)`,
      values: [role, relation.oid, relation.columns.map((column) => column.name)],
    });
    const allowed = rows[0]?.allowed ?? [];
    const columns = relation.columns.filter((_, index) => allowed[index]);
    this.columnPrivileges.set(key, { columns, at: Date.now() });
    return columns;
  }

  /** An UPDATE's unchanged TOAST values are not in the WAL; the old row (FULL identity) has them. */
  private withToastFromOld(change: RowChange): RawRow {
    const record = { ...change.record! };
    for (const column of change.relation.columns) {
      if (record[column.name] === undefined && change.oldRecord?.[column.name] !== undefined) {
        record[column.name] = change.oldRecord[column.name]!;
      }
    }
    return record;
  }

  private async visibleTo(
    relation: RelationInfo,
    record: RawRow,
    groups: Array<{ role: string; claims: string }>,
    xid: number,
  ): Promise<boolean[]> {
    const pkFilter = relation.keyColumns
      .map((column) => {
        const value = record[column];
        return value === null || value === undefined
          ? `${quoteIdent(column)} is null`
          : `${quoteIdent(column)} = ${quoteLiteral(value)}`;
      })
      .join(' and ');
    const { rows } = await this.pool.query<{ visible: boolean[] }>({
      text: 'select _realtime.visible_to($1::oid::regclass, $2, $3::jsonb, $4) as visible',
      values: [
        relation.oid,
        pkFilter,
        JSON.stringify(groups.map(({ role, claims }) => ({ role, claims }))),
        xid,
      ],
    });
    return rows[0]?.visible ?? [];
  }

  private async canSelectTable(relation: RelationInfo, roles: string[]): Promise<boolean[]> {
    const { rows } = await this.pool.query<{ allowed: boolean }>({
      text: `select pg_catalog.has_table_privilege(role, $1::oid, 'select') as allowed
             from unnest($2::text[]) with ordinality as r(role, n) order by n`,
      values: [relation.oid, roles],
    });
    return rows.map((row) => row.allowed);
  }

  private async hasRls(oid: number): Promise<boolean> {
    const cached = this.rlsEnabled.get(oid);
    if (cached && Date.now() - cached.at < 1000) return cached.value;
    const { rows } = await this.pool.query<{ relrowsecurity: boolean }>(
      'select relrowsecurity from pg_catalog.pg_class where oid = $1',
      [oid],
    );
    const value = rows[0]?.relrowsecurity ?? false;
    this.rlsEnabled.set(oid, { value, at: Date.now() });
    return value;
  }
}
