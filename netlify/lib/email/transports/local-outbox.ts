/**
 * Local delivery: the email is written as a JSON file into the outbox directory the local auth
 * server also writes to (same fields as dev/outbox.ts, which functions may not import) and
 * announced on one printed line, so `npm run dev` shows every email the product sends. Unlike
 * Resend there is no idempotency key here: a sender that dies between writing the file and
 * marking the row sent writes it again on the reclaim (local only).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmailTransport } from './transport';

export function localOutboxTransport(
  dir: string,
  print: (line: string) => void = console.log,
): EmailTransport {
  return {
    name: 'local-outbox',
    async send(email) {
      await mkdir(dir, { recursive: true });
      const sentAt = new Date().toISOString();
      const file = path.join(
        dir,
        `${sentAt.replace(/[:.]/g, '-')}-${email.template}-${randomBytes(4).toString('hex')}.json`,
      );
      const record = {
        kind: email.template,
        outboxId: email.id,
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
        unsubscribeUrl: email.unsubscribeUrl,
        sentAt,
        file,
      };
      await writeFile(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
      print(`[outbox] "${email.subject}" to ${email.to}`);
      return { providerMessageId: null };
    },
  };
}
