import type { Config } from '@netlify/functions';
import { listPrices } from '../lib/admin/catalog/prices';
import { defineHandler } from '../lib/http/define-handler';

export default defineHandler({ method: 'GET', auth: 'admin' }, ({ db }) => listPrices(db));

export const config: Config = { path: '/api/admin/prices', method: 'GET' };
