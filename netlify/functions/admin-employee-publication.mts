import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { setPublished } from '../lib/admin/catalog/employees';
import { defineHandler } from '../lib/http/define-handler';
import { PublicationBody } from '../../src/shared/admin-catalog';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: z.object({ id: z.uuid() }), body: PublicationBody },
  ({ db, user, params, body, requestId, ip }) =>
    setPublished(db, { id: user.id, requestId, ip }, params.id, body.published),
);

export const config: Config = { path: '/api/admin/employees/:id/publication' };
