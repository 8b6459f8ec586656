import type { Config } from '@netlify/functions';
import { usageReport } from '../lib/admin/metrics/usage';
import { defineHandler } from '../lib/http/define-handler';
import { UsageQuery } from '../../src/shared/admin-metrics';

export default defineHandler({ method: 'GET', auth: 'admin', query: UsageQuery }, ({ db, query }) =>
  usageReport(db, query),
);

export const config: Config = { path: '/api/admin/usage' };
