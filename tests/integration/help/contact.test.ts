// The public contact form: anon may insert and never read; the function's bot checks (honeypot,
// time to submit) and its per-IP limit; bad input is a 400 that stores nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import contactFunction from '../../../netlify/functions/contact.mjs';
import formTokenFunction from '../../../netlify/functions/contact-form-token.mjs';
import { contactFormToken } from '../../../netlify/lib/contact/form-token';
import { createPool } from '../db/support/database';
import { apiRequest, jsonRequest, netlifyContext, readError } from '../http/helpers';
import { anonClient, signUp } from '../rls/support/actors';

const db = createPool(3);
afterAll(() => db.end());

const serviceRoleKey = () => process.env.SUPABASE_SERVICE_ROLE_KEY ?? '';
const randomIp = () => `198.18.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
/** A token as the form gets it when shown `secondsAgo` seconds ago. */
const tokenFrom = (secondsAgo: number) => contactFormToken(serviceRoleKey(), Date.now() - secondsAgo * 1000);

const submission = (fields: Record<string, unknown> = {}) => ({
  name: 'Ada Visitor',
  email: 'ada@example.com',
  topic: 'sales',
  message: `Hello ${randomUUID()}`,
  formToken: tokenFrom(30),
  ...fields,
});

const send = (body: unknown, ip = randomIp()) =>
  contactFunction(jsonRequest('/api/contact', body), netlifyContext({ ip }));

const stored = async (message: unknown) =>
  (
    await db.query('select name, email, topic, company from public.contact_submissions where message = $1', [
      message,
    ])
  ).rows;

describe('who can read and write submissions (RLS)', () => {
  it('anon can insert but never read back; members read nothing; admins read', async () => {
    const anon = anonClient();
    const message = `direct ${randomUUID()}`;
    expect(
      (await anon.from('contact_submissions').insert({ name: 'V', email: 'v@example.com', message })).error,
    ).toBeNull();
    expect((await anon.from('contact_submissions').select('id')).error?.code).toBe('42501');

    const memberUser = await signUp('contact-member');
    expect(
      (await memberUser.client.from('contact_submissions').select('id').eq('message', message)).data,
    ).toEqual([]);
    const admin = await signUp('contact-admin');
    await db.query(`update public.profiles set role = 'admin' where id = $1`, [admin.id]);
    expect(
      (await admin.client.from('contact_submissions').select('message').eq('message', message)).data,
    ).toEqual([{ message }]);
  });

  it('anon cannot mark a submission handled', async () => {
    const anon = anonClient();
    const handled = await anon
      .from('contact_submissions')
      .insert({ name: 'V', email: 'v@example.com', message: 'x', handled_at: new Date().toISOString() });
    expect(handled.error?.code).toBe('42501');
  });
});

describe('POST /api/contact', () => {
  it('stores a genuine message (as anon) and answers 202', async () => {
    const body = submission({ company: 'Acme' });
    const response = await send(body);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ received: true });
    expect(await stored(body.message)).toEqual([
      { name: 'Ada Visitor', email: 'ada@example.com', topic: 'sales', company: 'Acme' },
    ]);
  });

  it('a filled honeypot looks accepted but stores nothing', async () => {
    const body = submission({ website: 'https://spam.example' });
    expect((await send(body)).status).toBe(202);
    expect(await stored(body.message)).toEqual([]);
  });

  it('a form sent faster than a person could is refused with a clear 400', async () => {
    const body = submission({ formToken: tokenFrom(0) });
    const response = await send(body);
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toMatch(/quick/);
    expect(await stored(body.message)).toEqual([]);
  });

  it('a forged, altered or expired form token is refused', async () => {
    const [issued] = tokenFrom(30).split('.');
    for (const formToken of [`${Number(issued) - 3600}.forged`, tokenFrom(2 * 24 * 3600), 'nonsense']) {
      const body = submission({ formToken });
      const response = await send(body);
      expect(response.status).toBe(400);
      expect(await stored(body.message)).toEqual([]);
    }
  });

  it('bad input is a 400 naming the fields', async () => {
    const response = await send(submission({ email: 'not-an-address', topic: 'lottery' }));
    expect(response.status).toBe(400);
    const paths = ((await readError(response)).details as { path: string }[]).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'topic']));
  });

  it('allows 5 messages per hour per IP; the 6th is 429 while another IP still gets through', async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i += 1) expect((await send(submission(), ip)).status).toBe(202);
    const sixth = submission();
    const limited = await send(sixth, ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(await stored(sixth.message)).toEqual([]);
    expect((await send(submission())).status).toBe(202);
  });

  it('GET /api/contact/form-token issues a token the form can submit after a human pause', async () => {
    const response = await formTokenFunction(
      apiRequest('/api/contact/form-token'),
      netlifyContext({ ip: randomIp() }),
    );
    expect(response.status).toBe(200);
    const { formToken } = (await response.json()) as { formToken: string };
    // Straight away it is too soon; after a human pause the same token is accepted.
    expect((await send(submission({ formToken }))).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const body = submission({ formToken });
    expect((await send(body)).status).toBe(202);
    expect(await stored(body.message)).toHaveLength(1);
  });
});
