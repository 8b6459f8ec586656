/**
 * The local "mail server": every email the platform would send is written as a JSON file under
 * the outbox directory and announced on one log line with its link, so a developer running
 * `npm run dev` can click it and tests can read it back. Nothing is ever delivered.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutboxEmail {
  /** What the email is for, e.g. `signup`, `recovery`, `email_change`. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  /** The action link, when the email has one. */
  link?: string;
  /** The one-time code, when the email has one. */
  otp?: string;
}

export interface SentEmail extends OutboxEmail {
  sentAt: string;
  file: string;
}

export interface Outbox {
  send(email: OutboxEmail): Promise<SentEmail>;
}

export function createOutbox(dir: string, log: (line: string) => void): Outbox {
  return {
    async send(email) {
      await mkdir(dir, { recursive: true });
      const sentAt = new Date().toISOString();
      const name = `${sentAt.replace(/[:.]/g, '-')}-${email.kind}-${randomBytes(4).toString('hex')}.json`;
      const file = path.join(dir, name);
      const sent: SentEmail = { ...email, sentAt, file };
      await writeFile(file, `${JSON.stringify(sent, null, 2)}\n`, { mode: 0o600 });
      log(`[outbox] "${email.subject}" to ${email.to}${email.link ? `: ${email.link}` : ''}`);
      return sent;
    },
  };
}

/** Every email in the outbox, oldest first. */
export async function readOutbox(dir: string): Promise<SentEmail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const emails = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .map(async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as SentEmail),
  );
  return emails.sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.file.localeCompare(b.file));
}
