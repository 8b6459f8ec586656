import { sharedQueryKeys } from '@/lib/query-keys';

export const settingsKeys = {
  all: ['settings'] as const,
  profile: (userId: string) => [...sharedQueryKeys.myProfile, 'details', userId] as const,
  sessions: (userId: string) => [...settingsKeys.all, 'sessions', userId] as const,
  securityEvents: (userId: string) => [...settingsKeys.all, 'security-events', userId] as const,
};
