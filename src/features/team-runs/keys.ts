export const teamRunKeys = {
  all: ['team-runs'] as const,
  list: () => [...teamRunKeys.all, 'list'] as const,
  detail: (runId: string) => [...teamRunKeys.all, 'detail', runId] as const,
  candidates: () => [...teamRunKeys.all, 'candidates'] as const,
};
