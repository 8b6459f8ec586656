/**
 * The hosted pages Stripe would show: Checkout ("Pay" completes the session and sends its signed
 * events), the Billing Portal (switch plan, cancel at period end, resume), and a small dashboard
 * that triggers what a developer cannot click through otherwise — renewals, failed payments,
 * refunds, disputes, resending an event — like `stripe trigger`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Price } from './objects';
import type { StripeSimulator } from './simulator';
import type { WebhookSender } from './webhooks';

const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
const date = (seconds: number | null) =>
  seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : '—';
const button = (action: string, label: string, fields: Record<string, string> = {}) =>
  `<form method="post" action="${escape(action)}">${Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('')}<button>${escape(label)}</button></form>`;
const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Stripe stand-in</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1a1f36}
h1{font-size:1.4rem} table{border-collapse:collapse;width:100%;margin:1rem 0} td,th{border-bottom:1px solid #e3e8ee;padding:.4rem;text-align:left;vertical-align:top}
form{display:inline-block;margin:0 .3rem .3rem 0} button{background:#635bff;color:#fff;border:0;border-radius:4px;padding:.35rem .8rem;cursor:pointer}
.note{color:#697386;font-size:.9rem} .amount{font-size:2rem;font-weight:600}
</style></head><body><p class="note">Local Stripe stand-in — test mode, no real money moves.</p>${body}</body></html>`;

export function createStripePages(
  simulator: StripeSimulator,
  sender: WebhookSender,
  log: (line: string) => void,
) {
  const { store } = simulator;
  /** Checkout completions still sending their webhooks. */
  const inFlight = new Set<Promise<unknown>>();

  const priceLabel = (price: Price) =>
    `${escape(price.nickname ?? price.id)} — ${money(price.unit_amount, price.currency)}${price.recurring ? ` / ${price.recurring.interval}` : ''}`;

  function checkoutPage(id: string): string {
    const session = simulator.get('checkoutSessions', id, 'checkout.session');
    const price = simulator.get('prices', session.line_items_price, 'price');
    if (session.status !== 'open')
      return page('Checkout', `<h1>This checkout session is ${escape(session.status)}.</h1>`);
    return page(
      'Checkout',
      `<h1>${escape(price.nickname ?? price.id)}</h1>
       <p class="amount">${money(price.unit_amount, price.currency)}${price.recurring ? ` <small>per ${price.recurring.interval}</small>` : ''}</p>
       <p class="note">Card 4242 4242 4242 4242 · ${escape(session.customer_email ?? session.customer ?? '')}</p>
       ${button(`/checkout/${id}/pay`, 'Pay')} ${session.cancel_url ? button(`/checkout/${id}/cancel`, 'Cancel and go back') : ''}`,
    );
  }

  function portalPage(id: string): string {
    const session = store.portalSessions.get(id);
    if (!session) return page('Portal', '<h1>This portal session does not exist.</h1>');
    const subscriptions = [...store.subscriptions.values()].filter(
      (sub) => sub.customer === session.customer,
    );
    const plans = [...store.prices.values()].filter((price) => price.recurring);
    const rows = subscriptions
      .map((sub) => {
        const item = sub.items.data[0];
        const actions =
          sub.status === 'canceled'
            ? ''
            : plans
                .filter((price) => price.id !== item?.price.id)
                .map((price) =>
                  button(`/portal/${id}/switch`, `Switch to ${price.nickname ?? price.id}`, {
                    subscription: sub.id,
                    price: price.id,
                  }),
                )
                .join('') +
              (sub.cancel_at_period_end
                ? button(`/portal/${id}/resume`, 'Resume subscription', { subscription: sub.id })
                : button(`/portal/${id}/cancel`, 'Cancel at period end', { subscription: sub.id }));
        return `<tr><td>${item ? priceLabel(item.price) : ''}<br><span class="note">${escape(sub.id)} · ${escape(sub.status)}${
          sub.cancel_at_period_end ? ' · cancels' : ''
        } · renews ${date(item?.current_period_end ?? null)}</span></td><td>${actions}</td></tr>`;
      })
      .join('');
    return page(
      'Billing portal',
      `<h1>Manage your subscription</h1><table>${rows || '<tr><td>No subscriptions yet.</td></tr>'}</table>
       ${session.return_url ? `<p><a href="${escape(session.return_url)}">← Return to the app</a></p>` : ''}`,
    );
  }

  function dashboardPage(): string {
    const subscriptions = [...store.subscriptions.values()].reverse();
    const charges = [...store.charges.values()].reverse();
    const events = store.events.slice(-30).reverse();
    const delivery = (eventId: string) =>
      store.deliveries
        .filter((d) => d.eventId === eventId)
        .map((d) => d.status)
        .join(', ');
    return page(
      'Event sender',
      `<h1>Stripe stand-in — trigger events</h1>
       <p class="note">Every action changes the fake Stripe account and sends the signed webhook events Stripe would send.</p>
       <h2>Subscriptions</h2><table>${
         subscriptions
           .map((sub) => {
             const item = sub.items.data[0];
             return `<tr><td>${escape(sub.id)}<br><span class="note">${escape(sub.customer)} · ${item ? priceLabel(item.price) : ''} · ${escape(sub.status)}${
               sub.cancel_at_period_end ? ' (cancels at period end)' : ''
             } · period ends ${date(item?.current_period_end ?? null)}</span></td><td>${
               sub.status === 'canceled'
                 ? ''
                 : button(`/dashboard/subscriptions/${sub.id}/renew`, 'End period (renew or cancel)') +
                   button(`/dashboard/subscriptions/${sub.id}/fail`, 'Fail next payment') +
                   (sub.status === 'past_due'
                     ? button(`/dashboard/subscriptions/${sub.id}/recover`, 'Retry payment (succeeds)')
                     : '') +
                   button(`/dashboard/subscriptions/${sub.id}/cancel`, 'Cancel now')
             }</td></tr>`;
           })
           .join('') || '<tr><td>None yet.</td></tr>'
       }</table>
       <h2>Payments</h2><table>${
         charges
           .map(
             (charge) =>
               `<tr><td>${escape(charge.id)}<br><span class="note">${escape(charge.customer)} · ${money(charge.amount, charge.currency)} · refunded ${money(
                 charge.amount_refunded,
                 charge.currency,
               )}${charge.disputed ? ' · disputed' : ''}</span></td><td>${
                 charge.refunded
                   ? ''
                   : button(`/dashboard/charges/${charge.id}/refund`, 'Refund all') +
                     button(`/dashboard/charges/${charge.id}/refund-half`, 'Refund half')
               }${charge.disputed ? '' : button(`/dashboard/charges/${charge.id}/dispute`, 'Open a dispute')}</td></tr>`,
           )
           .join('') || '<tr><td>None yet.</td></tr>'
       }</table>
       <h2>Recent events</h2><table>${
         events
           .map(
             (event) =>
               `<tr><td>${escape(event.type)}<br><span class="note">${escape(event.id)} · delivered: ${escape(delivery(event.id) || '—')}</span></td><td>${button(
                 `/dashboard/events/${event.id}/resend`,
                 'Resend',
               )}</td></tr>`,
           )
           .join('') || '<tr><td>None yet.</td></tr>'
       }</table>`,
    );
  }

  /** Answers a page request; false when the path is not a page. */
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    rawBody: string,
  ): Promise<boolean> {
    const form = new URLSearchParams(rawBody);
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    const redirect = (location: string) => {
      res.writeHead(303, { location });
      res.end();
    };
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let match: RegExpExecArray | null;

    if (method === 'GET' && path === '/') return (html(dashboardPage()), true);
    if (method === 'GET' && (match = /^\/checkout\/([^/]+)$/.exec(path)))
      return (html(checkoutPage(match[1]!)), true);
    if (method === 'GET' && (match = /^\/portal\/([^/]+)$/.exec(path)))
      return (html(portalPage(match[1]!)), true);
    if (method !== 'POST') return false;

    if ((match = /^\/checkout\/([^/]+)\/(pay|cancel)$/.exec(path))) {
      const [, id, action] = match as unknown as [string, string, string];
      if (action === 'pay') {
        // Like Stripe, the customer is sent back at once and the webhooks follow: the session's
        // state changes before the first delivery starts, so the redirect can go now.
        const session = simulator.get('checkoutSessions', id, 'checkout.session');
        const completing = simulator
          .completeCheckout(id)
          .catch((error: unknown) => log(`[stripe] completing ${id} failed: ${String(error)}`))
          .finally(() => inFlight.delete(completing));
        inFlight.add(completing);
        redirect(session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id));
      } else {
        const session = simulator.get('checkoutSessions', id, 'checkout.session');
        redirect(session.cancel_url ?? '/');
      }
      return true;
    }
    if ((match = /^\/portal\/([^/]+)\/(switch|cancel|resume)$/.exec(path))) {
      const [, id, action] = match as unknown as [string, string, string];
      const subscription = form.get('subscription') ?? '';
      const session = store.portalSessions.get(id);
      // The portal only acts on its own customer's subscriptions.
      if (!session || store.subscriptions.get(subscription)?.customer !== session.customer) return false;
      if (action === 'switch') await simulator.switchPrice(subscription, form.get('price') ?? '');
      else await simulator.setCancelAtPeriodEnd(subscription, action === 'cancel');
      redirect(`/portal/${id}`);
      return true;
    }
    if ((match = /^\/dashboard\/subscriptions\/([^/]+)\/(renew|fail|recover|cancel)$/.exec(path))) {
      const [, id, action] = match as unknown as [string, string, string];
      if (action === 'renew') await simulator.renew(id);
      else if (action === 'fail') await simulator.failPayment(id);
      else if (action === 'recover') await simulator.recoverPayment(id);
      else await simulator.cancelNow(id);
      redirect('/');
      return true;
    }
    if ((match = /^\/dashboard\/charges\/([^/]+)\/(refund|refund-half|dispute)$/.exec(path))) {
      const [, id, action] = match as unknown as [string, string, string];
      if (action === 'dispute') await simulator.dispute(id);
      else {
        const charge = simulator.get('charges', id, 'charge');
        const remaining = charge.amount - charge.amount_refunded;
        await simulator.refund(id, action === 'refund' ? remaining : Math.max(1, Math.floor(remaining / 2)));
      }
      redirect('/');
      return true;
    }
    if ((match = /^\/dashboard\/events\/([^/]+)\/resend$/.exec(path))) {
      await sender.resend(match[1]!);
      redirect('/');
      return true;
    }
    return false;
  }

  /** Resolves once every completion started by a page has delivered all its events. */
  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
    await sender.idle();
  }

  return { handle, idle };
}
