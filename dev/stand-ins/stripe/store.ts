/**
 * The stand-in's whole state, in memory: Stripe objects by id, the events it sent, and the
 * responses it gave per Idempotency-Key. Ids are `<prefix>_<namespace><counter>`: a counter, so a
 * run is reproducible, behind a namespace per instance, so ids from an earlier run (kept in the
 * persistent dev database) or from a parallel test file never collide with this one's. The clock
 * can be moved forward like a Stripe test clock.
 */
import { randomBytes } from 'node:crypto';
import type {
  Charge,
  CheckoutSession,
  Customer,
  Dispute,
  Invoice,
  InvoicePayment,
  PaymentIntent,
  PortalSession,
  Price,
  Refund,
  StripeEvent,
  Subscription,
} from './objects';

export interface IdempotentResponse {
  fingerprint: string;
  status: number;
  body: string;
}

export interface Delivery {
  eventId: string;
  type: string;
  status: number | 'error';
  at: number;
}

export class StripeStore {
  readonly customers = new Map<string, Customer>();
  readonly prices = new Map<string, Price>();
  readonly checkoutSessions = new Map<string, CheckoutSession>();
  readonly portalSessions = new Map<string, PortalSession>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly invoices = new Map<string, Invoice>();
  readonly invoicePayments = new Map<string, InvoicePayment>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly events: StripeEvent[] = [];
  readonly deliveries: Delivery[] = [];
  readonly idempotency = new Map<string, IdempotentResponse>();

  private counter = 0;
  private clockOffset = 0;

  constructor(
    private readonly clock: () => number = () => Date.now(),
    private readonly namespace: string = randomBytes(4).toString('hex'),
  ) {}

  /** Seconds since the epoch, like every Stripe timestamp. */
  now(): number {
    return Math.floor(this.clock() / 1000) + this.clockOffset;
  }

  /** Moves the stand-in's clock forward (a test clock); returns the new time. */
  advance(seconds: number): number {
    this.clockOffset += seconds;
    return this.now();
  }

  id(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.namespace}${this.counter.toString(36).padStart(6, '0')}`;
  }
}
