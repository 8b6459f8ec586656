/**
 * The WAL as committed transactions, read through a logical replication slot with the built-in
 * `pgoutput` plugin from the publications Realtime reads (ADR 0028): `supabase_realtime` (app
 * tables, for postgres_changes) and `supabase_realtime_messages_publication` (realtime.messages,
 * for broadcasts from the database). Transactions arrive once each, in commit order; the handler
 * finishes one before the next is read, and the slot is acknowledged only after it did.
 */
import pg from 'pg';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';

export type RawRow = Record<string, string | null>;

export interface RelationInfo {
  oid: number;
  schema: string;
  table: string;
  columns: Array<{ name: string; type: string }>;
  keyColumns: string[];
  replicaIdentity: string;
}

export interface RowChange {
  type: 'INSERT' | 'UPDATE' | 'DELETE';
  relation: RelationInfo;
  record: RawRow | null;
  /** The old row's replica identity (its key, or all columns with REPLICA IDENTITY FULL). */
  oldRecord: RawRow | null;
}

export interface CommittedTransaction {
  /** The transaction id (32 bits, as pgoutput's BEGIN carries it). */
  xid: number;
  /** ISO 8601 UTC with milliseconds, as Realtime formats commit timestamps. */
  commitTimestamp: string;
  changes: RowChange[];
}

const PUBLICATIONS = ['supabase_realtime', 'supabase_realtime_messages_publication'];

export interface ChangeStream {
  stop(): Promise<void>;
}

export async function startChangeStream(
  databaseUrl: string,
  slotName: string,
  onTransaction: (transaction: CommittedTransaction) => Promise<void>,
  log: (line: string) => void,
): Promise<ChangeStream> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  admin.on('error', (error) => log(`[realtime] catalog connection error: ${error.message}`));
  await admin.connect();
  const typeNames = new Map<number, string>();
  const loadTypes = async () => {
    const { rows } = await admin.query<{ oid: number; typname: string }>(
      'select oid::int, typname from pg_type',
    );
    for (const row of rows) typeNames.set(row.oid, row.typname);
  };
  await loadTypes();
  // A slot left by a process that died is dropped: changes from before this start are not owed
  // to anyone (subscribers only get what is committed while they are connected).
  await admin.query(
    `select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1 and not active`,
    [slotName],
  );
  await admin.query(`select pg_create_logical_replication_slot($1, 'pgoutput')`, [slotName]);

  const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: PUBLICATIONS });
  keepRawText(plugin);
  const service = new LogicalReplicationService(
    { connectionString: databaseUrl },
    { acknowledge: { auto: true, timeoutSeconds: 10 }, flowControl: { enabled: true } },
  );

  const relations = new Map<number, RelationInfo>();
  let pending: { xid: number; commitTime: bigint; changes: RowChange[] } | null = null;

  service.on('data', async (_lsn: string, message: Pgoutput.Message) => {
    switch (message.tag) {
      case 'relation': {
        if (message.columns.some((column) => !typeNames.has(column.typeOid))) await loadTypes();
        relations.set(message.relationOid, {
          oid: message.relationOid,
          schema: message.schema,
          table: message.name,
          columns: message.columns.map((column) => ({
            name: column.name,
            type: typeNames.get(column.typeOid) ?? 'text',
          })),
          keyColumns: message.keyColumns,
          replicaIdentity: message.replicaIdentity,
        });
        return;
      }
      case 'begin':
        pending = {
          xid: message.xid,
          commitTime: BigInt(message.commitTime as unknown as bigint),
          changes: [],
        };
        return;
      case 'insert':
      case 'update':
      case 'delete': {
        const relation = relations.get(message.relation.relationOid);
        if (!pending || !relation) return;
        pending.changes.push({
          type: message.tag.toUpperCase() as RowChange['type'],
          relation,
          record: message.tag === 'delete' ? null : (message.new as RawRow),
          oldRecord: message.tag === 'insert' ? null : ((message.old ?? message.key) as RawRow | null),
        });
        return;
      }
      case 'commit': {
        const transaction = pending;
        pending = null;
        if (!transaction || transaction.changes.length === 0) return;
        // The library already moves pgoutput's 2000-based microseconds to the Unix epoch.
        const commitMs = Number(transaction.commitTime / 1000n);
        try {
          await onTransaction({
            xid: transaction.xid,
            commitTimestamp: new Date(commitMs).toISOString(),
            changes: transaction.changes,
          });
        } catch (error) {
          log(`[realtime] delivering a transaction failed: ${String(error)}`);
        }
        return;
      }
      default:
        return;
    }
  });

  let stopped = false;
  service.on('error', (error: Error) => {
    if (!stopped) log(`[realtime] replication stream error: ${error.message}`);
  });
  // subscribe() resolves only when the stream ends; it is started, not awaited.
  service.subscribe(plugin, slotName).catch((error: Error) => {
    if (!stopped) log(`[realtime] replication stream stopped: ${error.message}`);
  });
  await new Promise<void>((resolve) => service.once('start', () => resolve()));

  return {
    stop: async () => {
      stopped = true;
      await service.stop().catch(() => {});
      await admin
        .query(
          `select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1 and not active`,
          [slotName],
        )
        .catch(() => {});
      await admin.end().catch(() => {});
    },
  };
}

/**
 * pgoutput sends column values as Postgres text; the library would run them through pg's global
 * type parsers (dates become Date objects and lose microseconds). Realtime works from the text,
 * so the columns' parsers are replaced by the identity.
 */
function keepRawText(plugin: PgoutputPlugin): void {
  const parser = (plugin as unknown as { parser: { readRelationColumn: (reader: unknown) => object } })
    .parser;
  const original = parser.readRelationColumn.bind(parser);
  parser.readRelationColumn = (reader: unknown) => ({ ...original(reader), parser: (raw: unknown) => raw });
}
