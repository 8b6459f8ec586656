/**
 * The state the local Realtime server shares across connections: the channel hub, presence, the
 * postgres_changes dispatcher fed by the WAL stream, and broadcasts written by the database
 * (realtime.send / realtime.broadcast_changes insert into realtime.messages).
 */
import type pg from 'pg';
import type { SupabaseApiConfig } from '../context';
import { ChangeDispatcher, type Subscription } from './changes/dispatcher';
import {
  startChangeStream,
  type ChangeStream,
  type CommittedTransaction,
  type RowChange,
} from './changes/replication';
import { Hub, hubKey } from './hub';
import { PresenceRegistry } from './presence';
import type { Session } from './session';

export class RealtimeCore {
  readonly hub = new Hub();
  readonly presence = new PresenceRegistry();
  readonly sessions = new Set<Session>();
  readonly changes: ChangeDispatcher;
  private stream: ChangeStream | null = null;

  constructor(
    readonly config: SupabaseApiConfig,
    /** Superuser pool: policy checks become the user's role inside their transaction. */
    readonly pool: pg.Pool,
  ) {
    this.changes = new ChangeDispatcher(pool);
  }

  async start(slotName: string): Promise<void> {
    this.stream = await startChangeStream(
      this.config.databaseUrl,
      slotName,
      (transaction) => this.onTransaction(transaction),
      this.config.log,
    );
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.close();
    await this.stream?.stop();
    await this.pool.end();
  }

  private async onTransaction(transaction: CommittedTransaction): Promise<void> {
    const rowChanges: RowChange[] = [];
    for (const change of transaction.changes) {
      const { schema, table } = change.relation;
      if (schema === 'realtime' && table === 'messages') {
        if (change.type === 'INSERT' && change.record) this.broadcastFromDatabase(change.record);
      } else rowChanges.push(change);
    }
    if (rowChanges.length > 0) await this.changes.dispatch({ ...transaction, changes: rowChanges });
  }

  /** A committed realtime.messages row with extension `broadcast` goes out on its topic. */
  private broadcastFromDatabase(row: Record<string, string | null>): void {
    if (row.extension !== 'broadcast' || row.topic === null || row.topic === undefined) return;
    const key = hubKey(row.private === 't', row.topic);
    if (this.hub.count(key) === 0) return;
    const event = row.event ?? '';
    if (row.binary_payload) {
      this.hub.broadcast(key, {
        event,
        payload: undefined,
        binary: Buffer.from(row.binary_payload.slice(2), 'hex'),
      });
      return;
    }
    this.hub.broadcast(key, { event, payload: row.payload ? JSON.parse(row.payload) : {} });
  }

  /** Realtime's subscription_check_filters: a filter must name a column of its table. */
  async checkSubscriptions(subscriptions: Subscription[]): Promise<string | null> {
    for (const { params } of subscriptions) {
      if (!params.filter || params.schema === '*' || params.table === '*') continue;
      const { rows } = await this.pool.query<{ attname: string }>({
        text: `select attname from pg_catalog.pg_attribute
               where attrelid = to_regclass(format('%I.%I', $1::text, $2::text)) and attnum > 0 and not attisdropped`,
        values: [params.schema, params.table],
      });
      if (rows.length > 0 && !rows.some((row) => row.attname === params.filter!.column)) {
        return `invalid column for filter ${params.filter.column}`;
      }
    }
    return null;
  }
}
