/**
 * The unsubscribe link of non-essential mail. GET shows a page with one button (mail scanners
 * follow links, so a GET must not change anything); POST — the button, or a mail client's
 * RFC 8058 one-click request — turns the email's category off in user_settings.
 */
import type { Queryable } from '../db';
import { categoryLabel, preferenceColumn } from './categories';
import { readUnsubscribeToken } from './unsubscribe-token';

const page = (status: number, title: string, body: string) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );

export async function unsubscribe(
  db: Queryable,
  request: { method: string; token: string; serviceRoleKey: string; appUrl: string },
): Promise<Response> {
  const settings = `<p><a href="${request.appUrl}/settings">Open your email settings</a></p>`;
  const target = readUnsubscribeToken(request.serviceRoleKey, request.token);
  if (!target) return page(400, 'This unsubscribe link is not valid', settings);
  const what = categoryLabel[target.category];

  if (request.method === 'GET') {
    return page(
      200,
      `Unsubscribe from ${what}?`,
      `<form method="post"><button type="submit">Unsubscribe</button></form>${settings}`,
    );
  }
  // The column comes from a fixed map keyed by a validated category, never from the request.
  await db.query(
    `update public.user_settings set ${preferenceColumn[target.category]} = false where user_id = $1`,
    [target.userId],
  );
  return page(200, 'You are unsubscribed', `<p>You will no longer receive ${what} by email.</p>${settings}`);
}
