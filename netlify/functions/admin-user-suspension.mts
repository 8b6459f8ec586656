import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { setSuspension } from '../lib/admin/users/set-suspension';
import { defineHandler } from '../lib/http/define-handler';
import { SuspensionBody } from '../../src/shared/admin-users';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: z.object({ id: z.uuid() }), body: SuspensionBody },
  ({ db, user, params, body, requestId, ip }) =>
    setSuspension(db, { id: user.id, requestId, ip }, params.id, body),
);

export const config: Config = { path: '/api/admin/users/:id/suspension' };
