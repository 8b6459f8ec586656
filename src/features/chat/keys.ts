import { sharedQueryKeys } from '@/lib/query-keys';

export const chatKeys = {
  all: ['chat'] as const,
  /** Every sessions list; rename, delete and new answers invalidate under this root. */
  sessions: () => [...chatKeys.all, 'sessions'] as const,
  /** One sessions list; `search` is the normalised title search, '' for all recent sessions. */
  sessionList: (search: string) => [...chatKeys.sessions(), { search }] as const,
  messages: (sessionId: string) => [...chatKeys.all, 'messages', sessionId] as const,
  /** Version numbers by id (immutable). */
  versions: (ids: readonly string[]) => [...chatKeys.all, 'versions', ...ids] as const,
  /** The hold of the message being typed; under the balance root so a new balance re-asks. */
  estimate: (input: {
    employeeId: string;
    sessionId: string | undefined;
    message: string;
    maxTokens: number;
  }) => [...chatKeys.all, 'estimate', input] as const,
  /** Under the shared hires root, so hiring or pausing elsewhere refreshes the picker. */
  employees: () => [...sharedQueryKeys.hires, 'chat-employees'] as const,
};
