/**
 * The support vocabulary, for the SPA and the functions alike (the SQL checks of
 * support_tickets hold the same lists).
 */
export const ticketCategories = ['billing', 'bug', 'account', 'other'] as const;
export type TicketCategory = (typeof ticketCategories)[number];

/** pending = a staff reply is waiting for the customer ("Waiting on you"). */
export const ticketStatuses = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** New tickets a user may open per rolling 24 hours (enforced by the database). */
export const dailyTicketLimit = 10;

/** What the staff view shows about a billing ticket's author (GET /api/admin/support/tickets/:id/customer). */
export interface TicketCustomer {
  email: string | null;
  plan: string;
  planStatus: string | null;
  subscription: { status: string; interval: string; currentPeriodEnd: string | null } | null;
  lastInvoice: {
    id: string;
    number: string | null;
    status: string | null;
    amountDue: number;
    amountPaid: number;
    currency: string;
    created: string;
    hostedInvoiceUrl: string | null;
  } | null;
}
