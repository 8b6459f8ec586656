import type { Config } from '@netlify/functions';
import { revenueReport } from '../lib/admin/metrics/revenue';
import { defineHandler } from '../lib/http/define-handler';

export default defineHandler({ method: 'GET', auth: 'admin' }, ({ db }) => revenueReport(db));

export const config: Config = { path: '/api/admin/revenue' };
