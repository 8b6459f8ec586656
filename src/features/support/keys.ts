export const supportKeys = {
  all: ['support'] as const,
  tickets: () => [...supportKeys.all, 'tickets'] as const,
  ticket: (ticketId: string) => [...supportKeys.all, 'ticket', ticketId] as const,
  staffQueue: (status: string) => [...supportKeys.all, 'staff-queue', { status }] as const,
  customer: (ticketId: string) => [...supportKeys.all, 'customer', ticketId] as const,
};
