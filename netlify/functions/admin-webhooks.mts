import type { Config } from '@netlify/functions';
import { webhookHealth } from '../lib/admin/webhooks/webhook-health';
import { defineHandler } from '../lib/http/define-handler';
import { WebhookHealthQuery } from '../../src/shared/admin-webhooks';

export default defineHandler({ method: 'GET', auth: 'admin', query: WebhookHealthQuery }, ({ db, query }) =>
  webhookHealth(db, query.days),
);

export const config: Config = { path: '/api/admin/webhooks' };
