export const workflowKeys = {
  all: ['workflows'] as const,
  list: () => [...workflowKeys.all, 'list'] as const,
  detail: (id: string) => [...workflowKeys.all, 'detail', id] as const,
  versions: (id: string) => [...workflowKeys.all, 'versions', id] as const,
  runs: (id: string, filters: object) => [...workflowKeys.all, 'runs', id, filters] as const,
  allRuns: (id: string) => [...workflowKeys.all, 'runs', id] as const,
  run: (runId: string) => [...workflowKeys.all, 'run', runId] as const,
  templates: () => [...workflowKeys.all, 'templates'] as const,
};
