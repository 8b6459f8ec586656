import type { LedgerFilter } from './schemas';

export const billingKeys = {
  all: ['billing'] as const,
  overview: (userId: string) => [...billingKeys.all, 'overview', userId] as const,

  ledgers: () => [...billingKeys.all, 'ledger'] as const,
  ledger: (userId: string, filter: LedgerFilter, page: number) =>
    [...billingKeys.ledgers(), userId, filter, page] as const,
};
