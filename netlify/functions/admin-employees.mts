import type { Config } from '@netlify/functions';
import { listEmployees } from '../lib/admin/catalog/employees';
import { defineHandler } from '../lib/http/define-handler';

export default defineHandler({ method: 'GET', auth: 'admin' }, ({ db }) => listEmployees(db));

export const config: Config = { path: '/api/admin/employees' };
