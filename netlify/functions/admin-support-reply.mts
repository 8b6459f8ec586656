import type { Config } from '@netlify/functions';
import { defineHandler } from '../lib/http/define-handler';
import { StaffReplyBody, TicketParams } from '../lib/support/schemas';
import { replyAsStaff } from '../lib/support/reply-as-staff';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: TicketParams, body: StaffReplyBody },
  ({ db, user, params, body }) => replyAsStaff(db, user, params.id, body),
);

export const config: Config = { path: '/api/admin/support/tickets/:id/replies' };
