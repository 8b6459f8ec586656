/**
 * Chat attachments through POST /api/agents/execute: files uploaded by the user to the private
 * chat-attachments bucket (real Storage server, real RLS) are read as the user, their text
 * reaches the model (the stand-in's [[llm:echo]] answers with exactly what it received), is
 * metered, stays in later turns, and is invisible to everyone else on every path.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { countPromptTokens } from '../../../dev/stand-ins/llm/tokens';
import { minimalPdf } from '../../fixtures/pdf';
import { readError } from '../http/helpers';
import { available, newCaller, parseEvents, priceOf, testDb, usageRows, type Caller } from '../llm/harness';
import { execute, hire, messages, newEmployee, type SessionEvent } from './harness';

afterAll(async () => {
  await testDb().end();
});

class NoRealtime {
  constructor() {
    throw new Error('no realtime in these tests');
  }
}

function storageOf(token?: string): SupabaseClient {
  return createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: NoRealtime as never },
    global: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
  });
}

async function attach(caller: Caller, name: string, body: Buffer | string, contentType: string) {
  const path = `${caller.id}/${randomUUID()}/${name}`;
  const { error } = await storageOf(caller.token)
    .storage.from('chat-attachments')
    .upload(path, body, { contentType });
  if (error) throw error;
  return { path, name };
}

const answerOf = (text: string) =>
  parseEvents(text)
    .filter((e) => e.event === 'delta')
    .map((e) => (e.data as { text: string }).text)
    .join('');

const PDF_LINE = 'Quarterly revenue reached 42 million euros in Q3.';
const CSV = 'region,revenue\nnorth,17\nsouth,25\n';

describe('attachments reach the model', () => {
  it('a PDF and a CSV are read as the user, sent with the message, metered and recorded', async () => {
    const caller = await newCaller({ allowance: 100_000 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const pdf = await attach(
      caller,
      'q3-report.pdf',
      minimalPdf([PDF_LINE, 'Prepared by finance.']),
      'application/pdf',
    );
    const csv = await attach(caller, 'revenue.csv', CSV, 'text/csv');
    const before = await available(caller.id);

    const message = '[[llm:echo]] What does the report say?';
    const response = await execute(caller, { employee_id: employee.id, message, attachments: [pdf, csv] });
    expect(response.status).toBe(200);
    const text = await response.text();
    const session = parseEvents(text)[0]?.data as SessionEvent;
    const received = answerOf(text);

    // What the model received: the message, then each file's text, named.
    expect(received).toContain('What does the report say?');
    expect(received).toContain('--- Attached file: q3-report.pdf (application/pdf) ---');
    expect(received).toContain(PDF_LINE);
    expect(received).toContain('--- Attached file: revenue.csv (text/csv) ---');
    expect(received).toContain('north,17');

    // Metered on what was sent: the prompt tokens count the attachments' text.
    const usage = (await usageRows(caller.id)).at(-1)!;
    expect(usage.input_tokens).toBe(countPromptTokens(employee.prompt, [received]));
    expect(usage.input_tokens).toBeGreaterThan(countPromptTokens(employee.prompt, [message]) + 20);
    const credits = await priceOf('openai', 'gpt-4o-mini', {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cached_input_tokens: 0,
    });
    expect(before - (await available(caller.id))).toBe(credits);

    // Stored: the typed text as the message, the files with their extracted text beside it.
    const stored = await messages(session.session_id);
    expect(stored[0]).toMatchObject({ role: 'user', content: message });
    const { rows } = await testDb().query(
      `select position, object_path, file_name, content_type, size_bytes::int, extracted_text
       from public.chat_attachments where message_id = $1 order by position`,
      [session.user_message_id],
    );
    expect(rows).toMatchObject([
      { position: 0, object_path: pdf.path, file_name: 'q3-report.pdf', content_type: 'application/pdf' },
      {
        position: 1,
        object_path: csv.path,
        file_name: 'revenue.csv',
        content_type: 'text/csv',
        extracted_text: CSV,
      },
    ]);
    expect(rows[0].extracted_text).toContain(PDF_LINE);

    // A later turn still carries the files' text in its context (history), and pays for it.
    const next = await execute(caller, {
      employee_id: employee.id,
      session_id: session.session_id,
      message: 'And the south?',
    });
    const nextText = await next.text();
    expect(next.status).toBe(200);
    const nextUsage = (await usageRows(caller.id)).at(-1)!;
    expect(nextUsage.input_tokens).toBe(
      countPromptTokens(employee.prompt, [received, received, 'And the south?']),
    );
    expect(answerOf(nextText)).not.toBe('');
  });

  it('the owner reads their attachments’ text; deleting the session deletes it', async () => {
    const caller = await newCaller({ allowance: 100_000 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const file = await attach(caller, 'notes.md', '# Notes\nShip on Friday.', 'text/markdown');
    const response = await execute(caller, {
      employee_id: employee.id,
      message: 'Summarise',
      attachments: [file],
    });
    const session = parseEvents(await response.text())[0]?.data as SessionEvent;

    const own = await storageOf(caller.token).from('chat_attachments').select('file_name, extracted_text');
    expect(own.data).toEqual([{ file_name: 'notes.md', extracted_text: '# Notes\nShip on Friday.' }]);

    await storageOf(caller.token).from('chat_sessions').delete().eq('id', session.session_id);
    const { rows } = await testDb().query('select 1 from public.chat_attachments where session_id = $1', [
      session.session_id,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe('answering again', () => {
  it('a message answered again is sent with its attachments again', async () => {
    const caller = await newCaller({ allowance: 100_000 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const file = await attach(caller, 'plan.md', '# Plan\nMigrate on Tuesday.', 'text/markdown');
    const message = '[[llm:echo]] [[llm:stream-error=3]] [[llm:once]] Check the plan';
    const first = await execute(caller, { employee_id: employee.id, message, attachments: [file] });
    const session = parseEvents(await first.text())[0]?.data as SessionEvent;

    const again = await execute(caller, {
      employee_id: employee.id,
      session_id: session.session_id,
      answer_again: session.user_message_id,
    });
    expect(again.status).toBe(200);
    const received = answerOf(await again.text());
    expect(received).toContain('Check the plan');
    expect(received).toContain('--- Attached file: plan.md (text/markdown) ---');
    expect(received).toContain('Migrate on Tuesday.');
  });
});

describe('attachments are invisible to everyone else', () => {
  it('another user cannot attach, download, sign, list or read the text of someone’s file', async () => {
    const [alice, bob] = await Promise.all([
      newCaller({ allowance: 100_000 }),
      newCaller({ allowance: 100_000 }),
    ]);
    const employee = await newEmployee();
    await Promise.all([hire(alice, employee), hire(bob, employee)]);
    const file = await attach(alice, 'secret.txt', 'The launch code is 0000.', 'text/plain');
    const first = await execute(alice, {
      employee_id: employee.id,
      message: 'Keep this',
      attachments: [file],
    });
    await first.text();
    const bobBefore = await available(bob.id);

    // Through the function: not found, nothing stored, nothing reserved.
    const response = await execute(bob, {
      employee_id: employee.id,
      message: '[[llm:echo]] read it',
      attachments: [file],
    });
    expect(response.status).toBe(404);
    expect((await readError(response)).message).toBe('Attachment not found: secret.txt.');
    expect(await available(bob.id)).toBe(bobBefore);
    const bobSessions = await testDb().query('select 1 from public.chat_sessions where user_id = $1', [
      bob.id,
    ]);
    expect(bobSessions.rows).toHaveLength(0);

    // Through Storage and the Data API, as Bob and as anon.
    for (const client of [storageOf(bob.token), storageOf()]) {
      const bucket = client.storage.from('chat-attachments');
      expect((await bucket.download(file.path)).error).toMatchObject({ statusCode: '404' });
      expect((await bucket.createSignedUrl(file.path, 60)).error).toMatchObject({ statusCode: '404' });
      expect((await bucket.list(alice.id)).data).toEqual([]);
      expect((await bucket.remove([file.path])).data).toEqual([]);
      const texts = await client.from('chat_attachments').select('extracted_text');
      expect(texts.data ?? []).toEqual([]);
    }
    // The bucket is private: no public URL.
    const publicUrl = storageOf().storage.from('chat-attachments').getPublicUrl(file.path).data.publicUrl;
    expect((await fetch(publicUrl)).status).toBe(400);
  });

  it('refuses a path outside the caller’s folder even before Storage is asked', async () => {
    const caller = await newCaller({ allowance: 100_000 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const response = await execute(caller, {
      employee_id: employee.id,
      message: 'hi',
      attachments: [{ path: `${randomUUID()}/x/secret.txt`, name: 'secret.txt' }],
    });
    expect(response.status).toBe(404);
  });
});

describe('attachment limits', () => {
  it('at most 5 per message, each once', async () => {
    const caller = await newCaller({ allowance: 100_000 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const refs = Array.from({ length: 6 }, (_, i) => ({ path: `${caller.id}/x/${i}.txt`, name: `${i}.txt` }));
    expect(
      (await execute(caller, { employee_id: employee.id, message: 'hi', attachments: refs })).status,
    ).toBe(400);
    const twice = [refs[0], refs[0]];
    expect(
      (await execute(caller, { employee_id: employee.id, message: 'hi', attachments: twice })).status,
    ).toBe(400);
  });

  it('the bucket refuses other types and files over 10 MiB', async () => {
    const caller = await newCaller();
    const bucket = storageOf(caller.token).storage.from('chat-attachments');
    const exe = await bucket.upload(`${caller.id}/x/tool.exe`, Buffer.from('MZ'), {
      contentType: 'application/x-msdownload',
    });
    expect(exe.error).toMatchObject({ statusCode: '415' });
    const big = await bucket.upload(`${caller.id}/x/big.txt`, Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), {
      contentType: 'text/plain',
    });
    expect(big.error).toMatchObject({ statusCode: '413' });
  });

  it('refuses attachments holding more text than one message may carry, before reserving anything', async () => {
    const caller = await newCaller({ allowance: 100_000 });
    const employee = await newEmployee();
    await hire(caller, employee);
    const huge = await attach(caller, 'huge.txt', 'word '.repeat(41_000), 'text/plain');
    const before = await available(caller.id);
    const response = await execute(caller, {
      employee_id: employee.id,
      message: 'read',
      attachments: [huge],
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).message).toMatch(/more text than the model can read/);
    expect(await available(caller.id)).toBe(before);
  });
});
