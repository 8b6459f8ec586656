/** The admin console's webhook-health contracts (GET /api/admin/webhooks, discard, replay). */
import { z } from 'zod';

export interface WebhookHealth {
  /** Over the last `days` days, by Stripe's event type and our processing status. */
  days: number;
  byTypeAndStatus: Array<{ type: string; status: string; events: number }>;
  /** received → processed, over events processed in the window. */
  processing: { events: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null };
  /** The latest failed attempts (webhook_audit_log). */
  recentFailures: Array<{ eventId: string | null; type: string | null; message: string | null; at: string }>;
  deadLetters: DeadLetter[];
}

export interface DeadLetter {
  id: string;
  eventId: string;
  type: string;
  failureCount: number;
  lastError: string | null;
  payload: unknown;
  replayCount: number;
  autoRetryCount: number;
  nextRetryAt: string | null;
  createdAt: string;
}

export const WebhookHealthQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(30) });

export const DiscardBody = z.object({
  reason: z.string().trim().min(3, 'Say why (at least 3 characters).').max(500),
});

/** A dead letter is named by its row uuid or its Stripe event id. */
export const DeadLetterParams = z.object({
  id: z.union([z.uuid(), z.string().regex(/^evt_[A-Za-z0-9_]+$/)]),
});
