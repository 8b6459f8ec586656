/**
 * Text PostgreSQL cannot store (a NUL byte) is refused by each function's input schema with the
 * field that holds it — a 400 that names the field, before anything is reserved, sent or written —
 * rather than by the database halfway through (issue 19: the class of the NUL byte in `model`).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import contactFunction from '../../../netlify/functions/contact.mjs';
import { contactFormToken } from '../../../netlify/lib/contact/form-token';
import { execute, hire, newEmployee } from '../agents/harness';
import { available, newCaller, testDb } from '../llm/harness';
import { jsonRequest, netlifyContext, readError } from './helpers';

afterAll(async () => {
  await testDb().end();
});

const nul = '\u0000';

it.each(['name', 'message', 'company', 'email'])(
  'refuses a NUL in the contact form’s %s, storing nothing',
  async (field) => {
    const marker = randomUUID();
    const body = {
      name: 'Ada Visitor',
      email: 'ada@example.com',
      topic: 'sales',
      message: `Hello ${marker}`,
      company: 'Acme',
      formToken: contactFormToken(process.env.SUPABASE_SERVICE_ROLE_KEY ?? '', Date.now() - 30_000),
    };
    const value = (body as Record<string, string>)[field]!;
    const response = await contactFunction(
      jsonRequest('/api/contact', { ...body, [field]: `${value.slice(0, 2)}${nul}${value.slice(2)}` }),
      netlifyContext({ ip: `198.19.${Math.floor(Math.random() * 250)}.7` }),
    );
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    const { rows } = await testDb().query('select 1 from public.contact_submissions where message like $1', [
      `%${marker}%`,
    ]);
    expect(rows).toEqual([]);
  },
);

it('refuses a NUL in an attachment’s name or path before reserving anything', async () => {
  const caller = await newCaller();
  const employee = await newEmployee();
  await hire(caller, employee);
  const before = await available(caller.id);
  for (const attachment of [
    { path: `${caller.id}/u/notes.txt`, name: `no${nul}tes.txt` },
    { path: `${caller.id}/u/no${nul}tes.txt`, name: 'notes.txt' },
  ]) {
    const response = await execute(caller, {
      employee_id: employee.id,
      message: 'See file',
      attachments: [attachment],
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: expect.stringMatching(/^attachments\.0\.(name|path)$/) as string }),
      ]),
    );
  }
  expect(await available(caller.id)).toBe(before);
  const { rows } = await testDb().query('select 1 from public.credit_reservations where user_id = $1', [
    caller.id,
  ]);
  expect(rows).toEqual([]);
});
