// The outbox sender against Resend's wire protocol: retries, the dead state after 5 failures,
// exactly one delivery per row (concurrent runs, a run that died after sending), preferences and
// the unsubscribe link; and the local outbox directory.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import unsubscribeFunction from '../../../netlify/functions/email-unsubscribe.mjs';
import { enqueueEmail } from '../../../netlify/lib/email/enqueue-email';
import { sendDueEmails, type SendOptions } from '../../../netlify/lib/email/send-outbox';
import { localOutboxTransport } from '../../../netlify/lib/email/transports/local-outbox';
import { resendTransport } from '../../../netlify/lib/email/transports/resend';
import { createLogger } from '../../../netlify/lib/observability/logger';
import { createPool } from '../db/support/database';
import { apiRequest, createUser, netlifyContext } from '../http/helpers';
import { resendStandIn } from './resend-stand-in';

const db = createPool(6);
const resend = resendStandIn();
const transport = resendTransport('re_test_key');
const options: SendOptions = {
  appUrl: 'https://app.example.com',
  serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY ?? '',
  from: 'AGI Agent <team@example.com>',
  log: createLogger({ test: 'email' }),
  retryDelaysSeconds: [0],
  batchSize: 100,
};

beforeAll(() => resend.server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  resend.reset();
  // Each test sees only its own mail.
  await db.query(`update public.email_outbox set status = 'dead' where status in ('pending', 'sending')`);
});
afterEach(() => resend.server.resetHandlers());
afterAll(async () => {
  resend.server.close();
  await db.end();
});

async function queueSupportReply(userId: string, key = crypto.randomUUID()) {
  const result = await enqueueEmail(db, {
    template: 'support_reply',
    payload: { ticketId: crypto.randomUUID(), subject: 'Charged twice', excerpt: 'We refunded you.' },
    dedupeKey: `test:${key}`,
    to: { userId },
  });
  const { rows } = await db.query<{ id: string }>(
    'select id from public.email_outbox where dedupe_key = $1',
    [`test:${key}`],
  );
  return { result, id: rows[0]?.id };
}

const row = async (id: string | undefined) =>
  (
    await db.query(
      'select status, attempts, provider_message_id, last_error from public.email_outbox where id = $1',
      [id],
    )
  ).rows[0];

describe('delivery through Resend', () => {
  it('a provider failing twice then succeeding delivers the email once, after three attempts', async () => {
    const user = await createUser(db);
    const { id } = await queueSupportReply(user.id);
    resend.fail(2);

    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 1, dead: 0 });
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('500'),
    });
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 1, dead: 0 });
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 1, retrying: 0, dead: 0 });
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 0, dead: 0 });

    expect(resend.calls).toHaveLength(3);
    expect(new Set(resend.calls.map((call) => call.idempotencyKey))).toEqual(new Set([`email-outbox/${id}`]));
    expect(resend.delivered.size).toBe(1);
    const [delivered] = [...resend.delivered.values()];
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 3,
      provider_message_id: delivered!.id,
      last_error: null,
    });

    const sent = resend.calls[2]!;
    expect(sent.authorization).toBe('Bearer re_test_key');
    expect(sent.body).toMatchObject({
      from: 'AGI Agent <team@example.com>',
      to: user.email,
      subject: 'Re: Charged twice',
    });
    expect(sent.body.text).toContain('We refunded you.');
    expect(sent.body.html).toContain('We refunded you.');
  });

  it('the 5th failure makes the email dead, and a dead email is never tried again', async () => {
    const user = await createUser(db);
    const { id } = await queueSupportReply(user.id);
    resend.fail(10, 503, 'service_unavailable');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await sendDueEmails(db, transport, options)).retrying).toBe(1);
    }
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 0, dead: 1 });
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 5 });
    await sendDueEmails(db, transport, options);
    expect(resend.calls).toHaveLength(5);
  });

  it('an error a retry cannot fix (422) makes the email dead at once', async () => {
    const user = await createUser(db);
    const { id } = await queueSupportReply(user.id);
    resend.fail(1, 422, 'validation_error');
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 0, dead: 1 });
    expect(await row(id)).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('waits out the backoff before retrying', async () => {
    const user = await createUser(db);
    await queueSupportReply(user.id);
    resend.fail(1);
    await sendDueEmails(db, transport, { ...options, retryDelaysSeconds: [3600] });
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 0, dead: 0 });
    expect(resend.calls).toHaveLength(1);
  });

  it('concurrent sender runs send every email exactly once', async () => {
    const user = await createUser(db);
    const ids = await Promise.all(Array.from({ length: 12 }, () => queueSupportReply(user.id)));
    const reports = await Promise.all(
      Array.from({ length: 4 }, () => sendDueEmails(db, transport, { ...options, batchSize: 5 })),
    );
    const rest = await sendDueEmails(db, transport, options);
    expect(reports.reduce((sum, report) => sum + report.sent, rest.sent)).toBe(12);
    expect(resend.calls).toHaveLength(12);
    expect(new Set(resend.calls.map((call) => call.idempotencyKey)).size).toBe(12);
    for (const { id } of ids) expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a run that died after sending (row left in sending) is resent with the same key and delivered once', async () => {
    const user = await createUser(db);
    const { id } = await queueSupportReply(user.id);
    await sendDueEmails(db, transport, options);
    // As a crash between Resend's answer and the "sent" update leaves it:
    await db.query(
      `update public.email_outbox set status = 'sending', claimed_at = now() - interval '11 minutes', sent_at = null where id = $1`,
      [id],
    );
    expect((await sendDueEmails(db, transport, options)).sent).toBe(1);
    expect(resend.calls).toHaveLength(2);
    expect(resend.calls[0]!.idempotencyKey).toBe(resend.calls[1]!.idempotencyKey);
    expect(resend.delivered.size).toBe(1);
    // A fresh claim (a run still working on it) is left alone.
    await db.query(`update public.email_outbox set status = 'sending', claimed_at = now() where id = $1`, [
      id,
    ]);
    expect(await sendDueEmails(db, transport, options)).toEqual({ sent: 0, retrying: 0, dead: 0 });
  });
});

describe('preferences and unsubscribe', () => {
  const unsubscribe = (token: string, method: 'GET' | 'POST') =>
    unsubscribeFunction(
      apiRequest(`/api/email/unsubscribe?token=${encodeURIComponent(token)}`, {
        method,
        ...(method === 'POST'
          ? {
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'List-Unsubscribe=One-Click',
            }
          : {}),
      }),
      netlifyContext(),
    );

  it('non-essential mail carries a one-click unsubscribe link that turns its category off', async () => {
    const user = await createUser(db);
    await queueSupportReply(user.id);
    await sendDueEmails(db, transport, options);
    const email = resend.calls[0]!.body;
    const link = email.headers?.['List-Unsubscribe']?.slice(1, -1) ?? '';
    expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.text).toContain(link);
    expect(email.html).toContain(link.replaceAll('&', '&amp;'));
    const token = new URL(link).searchParams.get('token') ?? '';

    // A GET (a mail scanner following the link) changes nothing.
    const page = await unsubscribe(token, 'GET');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const settings = () =>
      db.query(
        'select notify_activity_email, notify_usage_email from public.user_settings where user_id = $1',
        [user.id],
      );
    expect((await settings()).rows[0]).toEqual({ notify_activity_email: true, notify_usage_email: true });

    const done = await unsubscribe(token, 'POST');
    expect(done.status).toBe(200);
    expect((await settings()).rows[0]).toEqual({ notify_activity_email: false, notify_usage_email: true });
    expect((await queueSupportReply(user.id)).result).toBe('opted_out');
  });

  it('a forged or altered token changes nothing', async () => {
    const user = await createUser(db);
    const victim = `${user.id}.activity.${'A'.repeat(43)}`;
    expect((await unsubscribe(victim, 'POST')).status).toBe(400);
    expect((await unsubscribe('garbage', 'POST')).status).toBe(400);
    const { rows } = await db.query(
      'select notify_activity_email from public.user_settings where user_id = $1',
      [user.id],
    );
    expect(rows[0]).toEqual({ notify_activity_email: true });
  });

  it('essential mail has no unsubscribe link and is sent whatever the preferences', async () => {
    const user = await createUser(db);
    await db.query(
      'update public.user_settings set notify_activity_email = false, notify_usage_email = false, notify_product_email = false where user_id = $1',
      [user.id],
    );
    const result = await enqueueEmail(db, {
      template: 'payment_failed',
      payload: { planName: 'Pro', amountDue: '$29.00', nextAttemptAt: null },
      dedupeKey: `test:${crypto.randomUUID()}`,
      to: { userId: user.id },
    });
    expect(result).toBe('queued');
    await sendDueEmails(db, transport, options);
    expect(resend.calls).toHaveLength(1);
    expect(resend.calls[0]!.body.headers).toEqual({});
    expect(resend.calls[0]!.body.text).not.toContain('unsubscribe');
  });

  it('the same cause queues one email', async () => {
    const user = await createUser(db);
    const key = crypto.randomUUID();
    expect((await queueSupportReply(user.id, key)).result).toBe('queued');
    expect((await queueSupportReply(user.id, key)).result).toBe('duplicate');
  });
});

describe('the local outbox', () => {
  it('writes each email as a file in the outbox directory and prints one line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'email-outbox-'));
    const lines: string[] = [];
    const user = await createUser(db);
    const { id } = await queueSupportReply(user.id);
    expect(
      (
        await sendDueEmails(
          db,
          localOutboxTransport(dir, (line) => lines.push(line)),
          options,
        )
      ).sent,
    ).toBe(1);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    const written = JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8'));
    expect(written).toMatchObject({
      kind: 'support_reply',
      outboxId: id,
      to: user.email,
      subject: 'Re: Charged twice',
    });
    expect(lines).toEqual([`[outbox] "Re: Charged twice" to ${user.email}`]);
    expect(await row(id)).toMatchObject({ status: 'sent', provider_message_id: null });
  });
});

describe('usage alerts', () => {
  const insertAlert = (
    userId: string,
    fields: { percent: number; kind: string; used: number; allowance: number },
  ) =>
    db.query(
      `insert into public.usage_alerts (user_id, period_start, threshold_percent, kind, used_credits, allowance_credits)
       values ($1, now(), $2, $3, $4, $5)`,
      [userId, fields.percent, fields.kind, fields.used, fields.allowance],
    );

  it('a new usage alert queues its email in the same transaction, worded by the template', async () => {
    const user = await createUser(db);
    await insertAlert(user.id, { percent: 80, kind: 'warning', used: 800_000, allowance: 1_000_000 });
    await sendDueEmails(db, transport, options);
    expect(resend.calls.map((call) => call.body.subject)).toEqual([
      'You have used 80% of your monthly credits',
    ]);
    expect(resend.calls[0]!.body.text).toContain('200,000 credits are left');
    expect(resend.calls[0]!.body.headers?.['List-Unsubscribe']).toBeDefined();
  });

  it('no email when usage emails are off; an alert that rolls back queues nothing', async () => {
    const user = await createUser(db);
    await db.query('update public.user_settings set notify_usage_email = false where user_id = $1', [
      user.id,
    ]);
    await insertAlert(user.id, { percent: 50, kind: 'warning', used: 500_000, allowance: 1_000_000 });
    const other = await createUser(db);
    const client = await db.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into public.usage_alerts (user_id, period_start, threshold_percent, kind, used_credits, allowance_credits)
         values ($1, now(), 90, 'critical', 900000, 1000000)`,
        [other.id],
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
    const { rows } = await db.query(
      'select count(*)::int as n from public.email_outbox where user_id = any($1)',
      [[user.id, other.id]],
    );
    expect(rows[0]).toEqual({ n: 0 });
  });
});
