/**
 * The `/v1` endpoints the app calls through stripe-node: form-encoded requests, Stripe-shaped JSON
 * answers and errors, bearer-key authentication, and `Idempotency-Key` replay (the same key with
 * the same request answers the first response again; with a different request, an
 * `idempotency_error`, as Stripe does).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeForm, field, stringMap, type FormObject } from './form';
import { list, publicSession, type CheckoutSession, type PortalSession } from './objects';
import { StandInError, type StripeSimulator } from './simulator';
import { asApiRequest, standInApiVersion } from './webhooks';

interface ApiRequest {
  method: string;
  path: string;
  params: FormObject;
}

type Route = (request: ApiRequest, match: string[]) => Promise<unknown> | unknown;

export interface StripeApiOptions {
  secretKey: string;
  /** Where the hosted Checkout and portal pages are served (known once the server listens). */
  publicUrl: () => string;
}

export function createStripeApi(simulator: StripeSimulator, options: StripeApiOptions) {
  const { store } = simulator;

  const routes: Array<[method: string, pattern: RegExp, route: Route]> = [
    [
      'POST',
      /^\/v1\/customers$/,
      ({ params }) =>
        simulator.createCustomer(
          field(params, 'email') ?? null,
          stringMap(params, 'metadata'),
          field(params, 'name') ?? null,
        ),
    ],
    ['GET', /^\/v1\/customers\/([^/]+)$/, (_, [id]) => simulator.get('customers', id!, 'customer')],
    [
      'POST',
      /^\/v1\/customers\/([^/]+)$/,
      ({ params }, [id]) => {
        const customer = simulator.get('customers', id!, 'customer');
        if (field(params, 'email') !== undefined) customer.email = field(params, 'email') ?? null;
        customer.metadata = { ...customer.metadata, ...stringMap(params, 'metadata') };
        return customer;
      },
    ],
    ['GET', /^\/v1\/prices\/([^/]+)$/, (_, [id]) => simulator.get('prices', id!, 'price')],
    ['GET', /^\/v1\/prices$/, () => list([...store.prices.values()], '/v1/prices')],
    ['POST', /^\/v1\/checkout\/sessions$/, ({ params }) => publicSession(createCheckoutSession(params))],
    [
      'GET',
      /^\/v1\/checkout\/sessions\/([^/]+)$/,
      (_, [id]) => publicSession(simulator.get('checkoutSessions', id!, 'checkout.session')),
    ],
    ['POST', /^\/v1\/billing_portal\/sessions$/, ({ params }) => createPortalSession(params)],
    [
      'GET',
      /^\/v1\/subscriptions$/,
      ({ params }) => {
        const customer = field(params, 'customer');
        const status = field(params, 'status');
        const found = [...store.subscriptions.values()].filter(
          (sub) =>
            (!customer || sub.customer === customer) &&
            (status === 'all' || (status ? sub.status === status : sub.status !== 'canceled')),
        );
        return list(found, '/v1/subscriptions');
      },
    ],
    [
      'GET',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (_, [id]) => simulator.get('subscriptions', id!, 'subscription'),
    ],
    [
      'POST',
      /^\/v1\/subscriptions\/([^/]+)$/,
      async ({ params }, [id]) => {
        let subscription = simulator.get('subscriptions', id!, 'subscription');
        const price = field(params, 'items', 0, 'price');
        if (price) subscription = await simulator.switchPrice(id!, price);
        const metadata = stringMap(params, 'metadata');
        if (Object.keys(metadata).length > 0)
          subscription.metadata = { ...subscription.metadata, ...metadata };
        const cancel = field(params, 'cancel_at_period_end');
        if (cancel !== undefined) subscription = await simulator.setCancelAtPeriodEnd(id!, cancel === 'true');
        return subscription;
      },
    ],
    ['DELETE', /^\/v1\/subscriptions\/([^/]+)$/, (_, [id]) => simulator.cancelNow(id!)],
    ['GET', /^\/v1\/invoices\/([^/]+)$/, (_, [id]) => simulator.get('invoices', id!, 'invoice')],
    [
      'GET',
      /^\/v1\/invoice_payments$/,
      ({ params }) => {
        const invoice = field(params, 'invoice');
        const status = field(params, 'status');
        const intent = field(params, 'payment', 'payment_intent');
        const found = [...store.invoicePayments.values()].filter(
          (payment) =>
            (!invoice || payment.invoice === invoice) &&
            (!status || payment.status === status) &&
            (!intent || payment.payment.payment_intent === intent),
        );
        return list(found, '/v1/invoice_payments');
      },
    ],
    [
      'GET',
      /^\/v1\/payment_intents\/([^/]+)$/,
      (_, [id]) => simulator.get('paymentIntents', id!, 'payment_intent'),
    ],
    ['GET', /^\/v1\/charges\/([^/]+)$/, (_, [id]) => simulator.get('charges', id!, 'charge')],
    ['GET', /^\/v1\/disputes\/([^/]+)$/, (_, [id]) => simulator.get('disputes', id!, 'dispute')],
    [
      'POST',
      /^\/v1\/refunds$/,
      ({ params }) => {
        const intent = field(params, 'payment_intent');
        const chargeId =
          field(params, 'charge') ??
          (intent ? simulator.get('paymentIntents', intent, 'payment_intent').latest_charge : null);
        if (!chargeId)
          throw new StandInError(
            400,
            'You must pass either `charge` or `payment_intent`.',
            'parameter_missing',
            'charge',
          );
        const amount = field(params, 'amount');
        return simulator.refund(chargeId, amount === undefined ? undefined : Number(amount));
      },
    ],
  ];

  function createCheckoutSession(params: FormObject): CheckoutSession {
    const mode = field(params, 'mode');
    if (mode !== 'payment' && mode !== 'subscription') {
      throw new StandInError(400, 'Missing required param: mode.', 'parameter_missing', 'mode');
    }
    if (field(params, 'line_items', 0, 'price_data', 'currency') !== undefined) {
      throw new StandInError(
        400,
        'This stand-in sells catalog prices only: pass `line_items[0][price]`.',
        'parameter_invalid',
        'line_items',
      );
    }
    const priceId = field(params, 'line_items', 0, 'price');
    if (!priceId)
      throw new StandInError(
        400,
        'Missing required param: line_items[0][price].',
        'parameter_missing',
        'line_items',
      );
    const price = simulator.get('prices', priceId, 'price');
    if (mode === 'subscription' && !price.recurring) {
      throw new StandInError(
        400,
        'You must provide at least one recurring price in `subscription` mode when using prices.',
        'parameter_invalid',
        'line_items',
      );
    }
    if (mode === 'payment' && price.recurring) {
      throw new StandInError(
        400,
        'You specified `payment` mode but passed a recurring price.',
        'parameter_invalid',
        'line_items',
      );
    }
    const successUrl = field(params, 'success_url');
    if (!successUrl)
      throw new StandInError(400, 'Missing required param: success_url.', 'parameter_missing', 'success_url');
    const customer = field(params, 'customer') ?? null;
    if (customer) simulator.get('customers', customer, 'customer');
    const id = store.id('cs_test');
    const now = store.now();
    const session: CheckoutSession = {
      id,
      object: 'checkout.session',
      created: now,
      expires_at: now + 86_400,
      mode,
      status: 'open',
      payment_status: 'unpaid',
      customer,
      customer_email: field(params, 'customer_email') ?? null,
      client_reference_id: field(params, 'client_reference_id') ?? null,
      currency: price.currency,
      amount_subtotal: price.unit_amount,
      amount_total: price.unit_amount,
      metadata: stringMap(params, 'metadata'),
      success_url: successUrl,
      cancel_url: field(params, 'cancel_url') ?? null,
      url: `${options.publicUrl()}/checkout/${id}`,
      subscription: null,
      payment_intent: null,
      invoice: null,
      line_items_price: price.id,
      subscription_metadata: stringMap(params, 'subscription_data', 'metadata'),
      payment_intent_metadata: stringMap(params, 'payment_intent_data', 'metadata'),
      livemode: false,
    };
    store.checkoutSessions.set(id, session);
    return session;
  }

  function createPortalSession(params: FormObject): PortalSession {
    const customer = field(params, 'customer');
    if (!customer)
      throw new StandInError(400, 'Missing required param: customer.', 'parameter_missing', 'customer');
    simulator.get('customers', customer, 'customer');
    const id = store.id('bps');
    const session: PortalSession = {
      id,
      object: 'billing_portal.session',
      created: store.now(),
      customer,
      return_url: field(params, 'return_url') ?? null,
      url: `${options.publicUrl()}/portal/${id}`,
      livemode: false,
    };
    store.portalSessions.set(id, session);
    return session;
  }

  async function respond(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    rawBody: string,
  ): Promise<void> {
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': store.id('req'),
        'stripe-version': standInApiVersion,
        ...extra,
      });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const error = (
      status: number,
      message: string,
      code?: string,
      param?: string,
      type = 'invalid_request_error',
    ) => send(status, { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } });

    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${options.secretKey}`) {
      const shown = auth.replace(/^Bearer\s+/, '').slice(0, 8);
      error(401, `Invalid API Key provided: ${shown}***`);
      return;
    }

    const method = req.method ?? 'GET';
    const idempotencyKey = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    const fingerprint = `${method} ${url.pathname} ${rawBody}`;
    if (typeof idempotencyKey === 'string') {
      const earlier = store.idempotency.get(idempotencyKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          error(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            'idempotency_key_in_use',
            undefined,
            'idempotency_error',
          );
        } else {
          send(earlier.status, earlier.body, { 'idempotent-replayed': 'true' });
        }
        return;
      }
    }

    const params = decodeForm(
      method === 'GET' || method === 'DELETE' ? url.searchParams : new URLSearchParams(rawBody),
    );
    const found = routes
      .filter(([routeMethod]) => routeMethod === method)
      .map(([, pattern, route]) => [pattern.exec(url.pathname), route] as const)
      .find(([match]) => match !== null);
    let status = 200;
    let body: string;
    if (!found) {
      status = 404;
      body = JSON.stringify({
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}).`,
        },
      });
    } else {
      try {
        const [match, route] = found;
        body = JSON.stringify(
          await asApiRequest(() => route({ method, path: url.pathname, params }, match!.slice(1))),
        );
      } catch (caught) {
        if (!(caught instanceof StandInError)) throw caught;
        status = caught.status;
        body = JSON.stringify({
          error: {
            type: 'invalid_request_error',
            message: caught.message,
            code: caught.code,
            ...(caught.param ? { param: caught.param } : {}),
          },
        });
      }
    }
    if (typeof idempotencyKey === 'string')
      store.idempotency.set(idempotencyKey, { fingerprint, status, body });
    send(status, body);
  }

  return { respond };
}
