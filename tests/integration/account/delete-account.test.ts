/**
 * DELETE /api/account end to end: the real function, the real database, the local Auth and
 * Storage servers, and the Stripe stand-in (its webhooks delivered to the real webhook function).
 * Ownership is found by walking the catalog's foreign keys (ownership.ts), so a table added later
 * is covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import deleteAccountFunction from '../../../netlify/functions/account-delete.mjs';
import subscriptionCheckout from '../../../netlify/functions/billing-subscription-checkout.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { deliverToWebhook, pay, startBillingWorld, type BillingWorld } from '../billing/harness';
import { jsonRequest, netlifyContext, readError } from '../http/helpers';
import { anonClient, serviceClient } from '../supabase-api/auth/helpers';
import { populate, signUpAccount, type Account } from './fixture';
import { foreignKeys, ownedRows, primaryKeyOf, rowKey, type OwnedRows } from './ownership';

/** Webhooks are delivered at once, unless a test holds them to deliver them later by hand. */
let held: Array<[string, string]> | null = null;
let world: BillingWorld;

beforeAll(async () => {
  world = await startBillingWorld({
    deliver: async (payload, signature) => {
      if (held) {
        held.push([payload, signature]);
        return 200;
      }
      return deliverToWebhook(payload, signature);
    },
  });
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

const callDelete = (account: Account, body: unknown, ip?: string) =>
  deleteAccountFunction(
    jsonRequest('/api/account', body, { method: 'DELETE', token: account.token }),
    netlifyContext(ip ? { ip } : {}),
  );

async function subscribe(account: Account): Promise<string> {
  const response = await subscriptionCheckout(
    jsonRequest(
      '/api/billing/subscription-checkout',
      { plan: 'pro', interval: 'month' },
      { token: account.token },
    ),
    netlifyContext(),
  );
  const { url } = (await response.json()) as { url: string };
  await pay(world.standIn, url);
  const id = world.standIn.store.checkoutSessions.get(url.split('/').pop() ?? '')?.subscription;
  if (!id) throw new Error('checkout made no subscription');
  return id;
}

async function storageObjects(userId: string): Promise<string[]> {
  const { rows } = await world.db.query<{ path: string }>(
    `select bucket_id || '/' || name as path from storage.objects where (storage.foldername(name))[1] = $1 order by 1`,
    [userId],
  );
  return rows.map((row) => row.path);
}

/** A comparable snapshot: every owned row, by table. */
const snapshot = (owned: OwnedRows) =>
  Object.fromEntries([...owned].map(([table, rows]) => [table, [...rows.keys()].sort()]));

async function signInWorks(account: Account): Promise<boolean> {
  const { error } = await anonClient().auth.signInWithPassword({
    email: account.email,
    password: account.password,
  });
  return error === null;
}

describe('DELETE /api/account', () => {
  let leaver: Account;
  let bystander: Account;
  let subscriptionId: string;

  beforeAll(async () => {
    [leaver, bystander] = await Promise.all([signUpAccount('leaver'), signUpAccount('bystander')]);
    await populate(world.db, leaver);
    await populate(world.db, bystander);
    subscriptionId = await subscribe(leaver);
  });

  it('refuses a wrong password with 401 and changes nothing', async () => {
    const before = snapshot(await ownedRows(world.db, leaver.id));
    const response = await callDelete(leaver, { password: 'not my password', confirm: 'DELETE' });
    expect(response.status).toBe(401);
    expect((await readError(response)).message).toBe('That password is not correct.');
    expect(snapshot(await ownedRows(world.db, leaver.id))).toEqual(before);
    expect(world.standIn.store.subscriptions.get(subscriptionId)?.status).toBe('active');
    expect(await storageObjects(leaver.id)).toHaveLength(2);
  });

  it('refuses a missing or mistyped confirmation with 400 and changes nothing', async () => {
    const account = await signUpAccount('hesitant');
    for (const confirm of [undefined, 'delete', 'yes']) {
      const response = await callDelete(account, { password: account.password, confirm });
      expect(response.status).toBe(400);
      expect((await readError(response)).code).toBe('VALIDATION_FAILED');
    }
    const { rows } = await world.db.query('select 1 from public.data_requests where user_id = $1', [
      account.id,
    ]);
    expect(rows).toEqual([]);
    expect(await signInWorks(account)).toBe(true);
  });

  describe('with the right password and confirmation', () => {
    let before: OwnedRows;
    let bystanderBefore: ReturnType<typeof snapshot>;
    let ledgerIds: string[];

    beforeAll(async () => {
      before = await ownedRows(world.db, leaver.id);
      bystanderBefore = snapshot(await ownedRows(world.db, bystander.id));
      ledgerIds = [...(before.get('public.credit_ledger')?.values() ?? [])].map((row) => String(row.id));
      // The subscription's "deleted" webhook is held back and delivered after the deletion.
      held = [];
      const response = await callDelete(leaver, { password: leaver.password, confirm: 'DELETE' });
      expect(response.status).toBe(204);
      await world.standIn.idle();
    });

    afterAll(() => {
      held = null;
    });

    it('the fixture reached every table a user can own (so the checks below cover them all)', async () => {
      const { ownedTables } = await import('./ownership');
      const tables = ownedTables(await foreignKeys(world.db));
      const empty = [...tables].filter((table) => (before.get(table)?.size ?? 0) === 0);
      expect(empty.sort()).toEqual([]);
    });

    it('cancelled the Stripe subscription immediately', () => {
      expect(world.standIn.store.subscriptions.get(subscriptionId)?.status).toBe('canceled');
    });

    it('deleted every owned row, keeping only the accounting and audit rows, anonymised', async () => {
      const keys = await foreignKeys(world.db);
      const anonymising = keys.filter((key) => key.onDelete === 'n');
      const kept: Record<string, number> = {};
      for (const [table, rows] of before) {
        const pk = await primaryKeyOf(world.db, table);
        const { rows: now } = await world.db.query<{ row: Record<string, unknown> }>(
          `select to_jsonb(t) as row from ${table} t`,
        );
        const still = now.filter(({ row }) => rows.has(rowKey(row, pk)));
        if (still.length === 0) continue;
        kept[table] = still.length;
        // A kept row names nobody: every column that pointed at the user or their rows is null.
        for (const { row } of still) {
          expect(JSON.stringify(row)).not.toContain(leaver.id);
        }
        expect(anonymising.some((key) => key.child === table)).toBe(true);
      }
      expect(Object.keys(kept).sort()).toEqual([
        'public.audit_logs',
        'public.credit_ledger',
        'public.data_requests',
        'public.failed_webhook_events',
        'public.token_usage',
      ]);
      const { rows: ledger } = await world.db.query<{ user_id: string | null }>(
        'select user_id from public.credit_ledger where id = any($1::uuid[])',
        [ledgerIds],
      );
      expect(ledger.length).toBe(ledgerIds.length);
      expect(ledger.every((row) => row.user_id === null)).toBe(true);
    });

    it('left a completed deletion request and the audit trail, without the user id', async () => {
      const { rows } = await world.db.query(
        `select d.status, d.completed_at is not null as completed
           from public.data_requests d
          where d.user_id is null and d.kind = 'deletion'
            and exists (select 1 from public.audit_logs a where a.actor_id is null and a.action = 'account.deleted'
                        and a.created_at between d.requested_at and d.completed_at + interval '1 second')
          order by d.requested_at desc limit 1`,
      );
      expect(rows).toEqual([{ status: 'completed', completed: true }]);
    });

    it('queued the confirmation email to the address the account had', async () => {
      const { rows } = await world.db.query(
        `select user_id, template, status from public.email_outbox where to_email = $1 and template = 'account_deleted'`,
        [leaver.email],
      );
      expect(rows).toEqual([{ user_id: null, template: 'account_deleted', status: 'pending' }]);
    });

    it('removed the user’s files from Storage', async () => {
      expect(await storageObjects(leaver.id)).toEqual([]);
      for (const file of leaver.files) {
        const { data } = await serviceClient().storage.from(file.bucket).download(file.name);
        expect(data).toBeNull();
      }
    });

    it('cannot sign in again', async () => {
      expect(await signInWorks(leaver)).toBe(false);
    });

    it('left the other user untouched', async () => {
      expect(snapshot(await ownedRows(world.db, bystander.id))).toEqual(bystanderBefore);
      expect(await signInWorks(bystander)).toBe(true);
      expect(await storageObjects(bystander.id)).toHaveLength(2);
    });

    it('treats the subscription-deleted webhook that follows as a no-op', async () => {
      const events = held ?? [];
      held = null;
      expect(events.map(([payload]) => (JSON.parse(payload) as { type: string }).type)).toContain(
        'customer.subscription.deleted',
      );
      const ledgerBefore = await world.db.query('select count(*)::int as n from public.credit_ledger');
      for (const [payload, signature] of events) expect(await deliverToWebhook(payload, signature)).toBe(200);
      const ledgerAfter = await world.db.query('select count(*)::int as n from public.credit_ledger');
      expect(ledgerAfter.rows[0].n).toBe(ledgerBefore.rows[0].n);
      const { rows } = await world.db.query(
        'select 1 from public.subscriptions where stripe_subscription_id = $1',
        [subscriptionId],
      );
      expect(rows).toEqual([]);
    });

    it('answers a retry after completion with 204 and does nothing more', async () => {
      const response = await callDelete(leaver, { password: leaver.password, confirm: 'DELETE' });
      expect(response.status).toBe(204);
      const { rows } = await world.db.query(
        `select count(*)::int as n from public.email_outbox where to_email = $1 and template = 'account_deleted'`,
        [leaver.email],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  it('finishes the job when retried after a crash between the Stripe cancel and the database delete', async () => {
    const account = await signUpAccount('interrupted');
    await populate(world.db, account);
    const subscription = await subscribe(account);
    // The database refuses the delete, as a crash or a lost connection at that point would.
    await world.db.query(`
      create function public.test_refuse_user_delete() returns trigger language plpgsql as $$
      begin
        if old.id = '${account.id}' then raise exception 'simulated failure'; end if;
        return old;
      end $$;
      create trigger test_refuse_user_delete before delete on auth.users
        for each row execute function public.test_refuse_user_delete();`);
    try {
      const failed = await callDelete(account, { password: account.password, confirm: 'DELETE' });
      expect(failed.status).toBe(500);
      await world.standIn.idle();
    } finally {
      await world.db.query(
        'drop trigger test_refuse_user_delete on auth.users; drop function public.test_refuse_user_delete();',
      );
    }
    // In between: nobody is billed, the account still exists, the request is on record.
    expect(world.standIn.store.subscriptions.get(subscription)?.status).toBe('canceled');
    expect(await signInWorks(account)).toBe(true);
    const pending = await world.db.query<{ id: string; status: string }>(
      `select id, status from public.data_requests where user_id = $1 and kind = 'deletion'`,
      [account.id],
    );
    expect(pending.rows.map((row) => row.status)).toEqual(['processing']);

    const retried = await callDelete(account, { password: account.password, confirm: 'DELETE' });
    expect(retried.status).toBe(204);
    expect(await signInWorks(account)).toBe(false);
    expect(
      await ownedRows(world.db, account.id).then((owned) => [...owned.values()].some((t) => t.size > 0)),
    ).toBe(false);
    const done = await world.db.query('select status, user_id from public.data_requests where id = $1', [
      pending.rows[0]!.id,
    ]);
    expect(done.rows).toEqual([{ status: 'completed', user_id: null }]);
    const mail = await world.db.query(
      `select count(*)::int as n from public.email_outbox where to_email = $1 and template = 'account_deleted'`,
      [account.email],
    );
    expect(mail.rows[0].n).toBe(1);
  });

  it('allows three attempts per hour, then answers 429', async () => {
    const account = await signUpAccount('guesser');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await callDelete(account, { password: `guess-${attempt}`, confirm: 'DELETE' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password now waits: the limit is not reset by knowing it.
    expect((await callDelete(account, { password: account.password, confirm: 'DELETE' })).status).toBe(429);
    expect(await signInWorks(account)).toBe(true);
  });
});
