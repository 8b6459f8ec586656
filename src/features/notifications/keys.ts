export const notificationsKeys = {
  all: ['notifications'] as const,
  latest: (userId: string) => [...notificationsKeys.all, userId, 'latest'] as const,
  unreadCount: (userId: string) => [...notificationsKeys.all, userId, 'unread-count'] as const,
};
