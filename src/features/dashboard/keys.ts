/** Query keys of the dashboard; everything is per user so one user's cache never shows another's. */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  usage: (userId: string, days: number) => [...dashboardKeys.all, 'usage', userId, days] as const,
  alerts: (userId: string) => [...dashboardKeys.all, 'alerts', userId] as const,
  activity: (userId: string) => [...dashboardKeys.all, 'activity', userId] as const,
};
