import type { Config } from '@netlify/functions';
import { runEmailSender } from '../lib/email/run-email-sender';

// Scheduled, not routed: every minute, due mail in email_outbox is delivered.
export default runEmailSender;

export const config: Config = { schedule: '* * * * *' };
