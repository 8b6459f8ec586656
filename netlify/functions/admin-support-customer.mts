import type { Config } from '@netlify/functions';
import { defineHandler } from '../lib/http/define-handler';
import { TicketParams } from '../lib/support/schemas';
import { ticketCustomer } from '../lib/support/ticket-customer';

export default defineHandler({ method: 'GET', auth: 'admin', params: TicketParams }, ({ db, user, params }) =>
  ticketCustomer(db, user, params.id),
);

export const config: Config = { path: '/api/admin/support/tickets/:id/customer' };
