import type { Config } from '@netlify/functions';
import { retireModel } from '../lib/admin/catalog/prices';
import { defineHandler } from '../lib/http/define-handler';
import { RetireBody } from '../../src/shared/admin-catalog';

export default defineHandler(
  { method: 'POST', auth: 'admin', body: RetireBody },
  ({ db, user, body, requestId, ip }) => retireModel(db, { id: user.id, requestId, ip }, body),
);

export const config: Config = { path: '/api/admin/prices/retire' };
