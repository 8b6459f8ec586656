import { describe, expect, it } from 'vitest';
import { ledgerToCsv } from './ledger-csv';

describe('ledgerToCsv', () => {
  it('writes a header and one quoted-as-needed row per entry', () => {
    const csv = ledgerToCsv([
      {
        id: '1',
        createdAt: '2026-11-21T10:00:00Z',
        kind: 'purchase',
        bucket: 'purchased',
        amount: 10_000_000,
        balanceAfter: 10_000_000,
        requestId: null,
        purpose: null,
        source: { pack_id: 'pack_10m' },
      },
      {
        id: '2',
        createdAt: '2026-11-21T11:00:00Z',
        kind: 'usage',
        bucket: 'allowance',
        amount: -1234,
        balanceAfter: 998_766,
        requestId: null,
        purpose: null,
        source: { model: 'gpt, "mini"' },
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'date,kind,description,bucket,credits,balance_after,reference',
      '2026-11-21T10:00:00Z,purchase,Token pack,purchased,10000000,10000000,pack_10m',
      '2026-11-21T11:00:00Z,usage,Usage,allowance,-1234,998766,"gpt, ""mini"""',
      '',
    ]);
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    const csv = ledgerToCsv([
      {
        id: '1',
        createdAt: 'x',
        kind: 'adjustment',
        bucket: 'purchased',
        amount: 1,
        balanceAfter: 1,
        requestId: null,
        purpose: null,
        source: { plan: '=HYPERLINK("x")' },
      },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
