import type { Config } from '@netlify/functions';
import { addPrice } from '../lib/admin/catalog/prices';
import { defineHandler } from '../lib/http/define-handler';
import { PriceBody } from '../../src/shared/admin-catalog';

export default defineHandler(
  { method: 'POST', auth: 'admin', body: PriceBody },
  ({ db, user, body, requestId, ip }) => addPrice(db, { id: user.id, requestId, ip }, body),
);

export const config: Config = { path: '/api/admin/prices', method: 'POST' };
