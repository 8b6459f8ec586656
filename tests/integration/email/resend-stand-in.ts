/**
 * Resend's HTTP API as its SDK sees it (POST https://api.resend.com/emails), on msw: scripted
 * failures in Resend's error format, then `{ id }`. Like Resend, a repeated Idempotency-Key gets
 * the first answer again instead of a second email, so `delivered` is what inboxes would receive.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export interface ResendCall {
  idempotencyKey: string | null;
  authorization: string | null;
  body: {
    from: string;
    to: string | string[];
    subject: string;
    html: string;
    text: string;
    headers?: Record<string, string>;
    tags?: { name: string; value: string }[];
  };
}

export function resendStandIn() {
  const calls: ResendCall[] = [];
  const delivered = new Map<string, { id: string; body: ResendCall['body'] }>();
  const failures: Array<{ status: number; name: string }> = [];

  const server = setupServer(
    http.post('https://api.resend.com/emails', async ({ request }) => {
      const call: ResendCall = {
        idempotencyKey: request.headers.get('idempotency-key'),
        authorization: request.headers.get('authorization'),
        body: (await request.json()) as ResendCall['body'],
      };
      calls.push(call);
      const failure = failures.shift();
      if (failure) {
        return HttpResponse.json(
          { statusCode: failure.status, name: failure.name, message: `scripted ${failure.name}` },
          { status: failure.status },
        );
      }
      const key = call.idempotencyKey ?? crypto.randomUUID();
      const previous = delivered.get(key);
      if (previous) return HttpResponse.json({ id: previous.id });
      const id = crypto.randomUUID();
      delivered.set(key, { id, body: call.body });
      return HttpResponse.json({ id });
    }),
  );

  return {
    server,
    calls,
    delivered,
    /** The next `count` calls fail with this status. */
    fail(count: number, status = 500, name = 'internal_server_error') {
      for (let i = 0; i < count; i += 1) failures.push({ status, name });
    },
    reset() {
      calls.length = 0;
      failures.length = 0;
      delivered.clear();
    },
  };
}
