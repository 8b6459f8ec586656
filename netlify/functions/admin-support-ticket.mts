import type { Config } from '@netlify/functions';
import { defineHandler } from '../lib/http/define-handler';
import { StaffTicketUpdateBody, TicketParams } from '../lib/support/schemas';
import { updateTicketAsStaff } from '../lib/support/update-ticket';

export default defineHandler(
  { method: 'PATCH', auth: 'admin', params: TicketParams, body: StaffTicketUpdateBody },
  ({ db, user, params, body }) => updateTicketAsStaff(db, user, params.id, body),
);

export const config: Config = { path: '/api/admin/support/tickets/:id' };
