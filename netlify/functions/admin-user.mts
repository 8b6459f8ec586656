import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { userDetail } from '../lib/admin/users/user-detail';
import { defineHandler } from '../lib/http/define-handler';

export default defineHandler(
  { method: 'GET', auth: 'admin', params: z.object({ id: z.uuid() }) },
  ({ db, params }) => userDetail(db, params.id),
);

export const config: Config = { path: '/api/admin/users/:id' };
