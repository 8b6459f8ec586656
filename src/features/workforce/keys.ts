import { sharedQueryKeys } from '@/lib/query-keys';

export const workforceKeys = {
  /** Under the shared hires root: hiring in the marketplace refreshes the workforce too. */
  all: [...sharedQueryKeys.hires, 'workforce'] as const,
  list: () => [...workforceKeys.all, 'list'] as const,
};
