import type { BadgeTone } from '@/components/ui';
import type { TicketCategory, TicketPriority, TicketStatus } from '@/shared/support';

export const categoryLabels: Record<TicketCategory, string> = {
  billing: 'Billing',
  bug: 'Bug',
  account: 'Account',
  other: 'Other',
};

/** As the customer reads it; staff see "Waiting on customer" for pending. */
export const statusLabels: Record<TicketStatus, string> = {
  open: 'Open',
  pending: 'Waiting on you',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const staffStatusLabels: Record<TicketStatus, string> = {
  ...statusLabels,
  pending: 'Waiting on customer',
};

export const statusTones: Record<TicketStatus, BadgeTone> = {
  open: 'info',
  pending: 'warning',
  resolved: 'success',
  closed: 'neutral',
};

export const priorityLabels: Record<TicketPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const formatWhen = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
