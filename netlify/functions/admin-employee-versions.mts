import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { publishVersion } from '../lib/admin/catalog/employees';
import { defineHandler } from '../lib/http/define-handler';
import { EmployeeVersionBody } from '../../src/shared/admin-catalog';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: z.object({ id: z.uuid() }), body: EmployeeVersionBody },
  ({ db, user, params, body, requestId, ip }) =>
    publishVersion(db, { id: user.id, requestId, ip }, params.id, body),
);

export const config: Config = { path: '/api/admin/employees/:id/versions' };
