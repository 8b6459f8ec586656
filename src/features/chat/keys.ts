import { sharedQueryKeys } from '@/lib/query-keys';

export const chatKeys = {
  all: ['chat'] as const,
  sessions: () => [...chatKeys.all, 'sessions'] as const,
  messages: (sessionId: string) => [...chatKeys.all, 'messages', sessionId] as const,
  balance: () => [...chatKeys.all, 'balance'] as const,
  /** Under the shared hires root, so hiring or pausing elsewhere refreshes the picker. */
  employees: () => [...sharedQueryKeys.hires, 'chat-employees'] as const,
};
