/**
 * The admin console's user contracts (GET/POST /api/admin/users…), for the SPA and the functions.
 * Credits are plain numbers: every balance and amount is far below 2^53.
 */
import { z } from 'zod';

export interface AdminUserSummary {
  id: string;
  email: string | null;
  plan: string;
  planStatus: string;
  role: 'member' | 'admin';
  suspendedAt: string | null;
  createdAt: string;
}

export interface AdminUserDetail extends AdminUserSummary {
  suspendedReason: string | null;
  balance: { allowance: number; purchased: number; reserved: number; available: number; frozen: boolean };
  ledger: Array<{
    id: string;
    kind: string;
    bucket: string;
    amount: number;
    balanceAfter: number;
    reason: string | null;
    createdAt: string;
  }>;
  /** The last 30 days of usage, one row per day with usage. */
  usage: Array<{ day: string; requests: number; credits: number }>;
  hires: Array<{
    id: string;
    employeeName: string;
    versionNumber: number;
    isActive: boolean;
    hiredAt: string;
  }>;
  tickets: Array<{ id: string; subject: string; status: string; lastMessageAt: string }>;
}

export const AdminUserSearchQuery = z.object({
  email: z.string().trim().max(200).default(''),
});

export const CreditAdjustmentBody = z.object({
  /** Positive grants, negative claws back purchased credits. */
  amount: z
    .number()
    .int()
    .refine((value) => value !== 0, 'Give a non-zero number of credits.')
    .refine((value) => Math.abs(value) <= 1e12, 'At most 10^12 credits at once.'),
  reason: z.string().trim().min(3, 'Say why (at least 3 characters).').max(500),
  /** Chosen by the client once per intended adjustment, so that a retried request moves credits once. */
  idempotencyKey: z.uuid(),
});
export type CreditAdjustment = z.infer<typeof CreditAdjustmentBody>;

export const SuspensionBody = z.object({
  suspended: z.boolean(),
  reason: z.string().trim().min(3, 'Say why (at least 3 characters).').max(500),
});
export type Suspension = z.infer<typeof SuspensionBody>;

export interface CreditAdjustmentResult {
  ledgerId: string;
  amount: number;
  purchasedBalance: number;
}
