import { ledgerKindLabels } from './format';
import type { LedgerRow } from './schemas';

const cell = (value: string | number) => {
  const text = String(value);
  // Quote what CSV needs quoted, and defuse spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+@]/.test(text) || (/^-/.test(text) && Number.isNaN(Number(text))) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The ledger as CSV (RFC 4180), one row per ledger entry, newest first as shown. */
export function ledgerToCsv(rows: readonly LedgerRow[]): string {
  const header = ['date', 'kind', 'description', 'bucket', 'credits', 'balance_after', 'reference'];
  const lines = rows.map((row) =>
    [
      row.createdAt,
      row.kind,
      ledgerKindLabels[row.kind] ?? row.kind,
      row.bucket,
      row.amount,
      row.balanceAfter,
      String(row.source.pack_id ?? row.source.plan ?? row.source.model ?? ''),
    ]
      .map(cell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
