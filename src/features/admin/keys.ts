/** Query keys of the admin console; every admin mutation invalidates `all`. */
export const adminKeys = {
  all: ['admin'] as const,
  revenue: () => [...adminKeys.all, 'revenue'] as const,
  usage: (from: string, to: string) => [...adminKeys.all, 'usage', from, to] as const,
  webhooks: () => [...adminKeys.all, 'webhooks'] as const,
  users: (email: string) => [...adminKeys.all, 'users', email] as const,
  user: (id: string) => [...adminKeys.all, 'user', id] as const,
  employees: () => [...adminKeys.all, 'employees'] as const,
  prices: () => [...adminKeys.all, 'prices'] as const,
};
