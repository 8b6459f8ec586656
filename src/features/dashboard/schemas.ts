import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { usageAlertKinds } from '@/shared/usage-alert-text';

const bigint = dbNumber;

export const usageRowSchema = z
  .object({
    created_at: z.string(),
    provider: z.string(),
    model: z.string(),
    credits_charged: bigint,
    input_tokens: bigint,
    output_tokens: bigint,
    cached_tokens: bigint,
  })
  .transform((row) => ({
    createdAt: row.created_at,
    provider: row.provider,
    model: row.model,
    credits: row.credits_charged,
    tokens: row.input_tokens + row.output_tokens + row.cached_tokens,
  }));
export type UsageRow = z.output<typeof usageRowSchema>;

export const usageAlertRowSchema = z.object({
  id: z.string(),
  threshold_percent: z.number(),
  kind: z.enum(usageAlertKinds),
  used_credits: bigint,
  allowance_credits: bigint,
  triggered_at: z.string(),
});
export type UsageAlertRow = z.output<typeof usageAlertRowSchema>;

export const notificationRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  // Usage alerts (the only notifications without a title) are listed from usage_alerts instead.
  title: z
    .string()
    .nullable()
    .transform((title) => title ?? ''),
  body: z.string(),
  link: z.string().nullable(),
  read_at: z.string().nullable(),
  created_at: z.string(),
});

export const activityRowSchema = z
  .object({
    id: z.string(),
    created_at: z.string(),
    kind: z.string(),
    bucket: z.enum(['allowance', 'purchased']),
    amount: bigint,
  })
  .transform((row) => ({
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind,
    bucket: row.bucket,
    amount: row.amount,
  }));
export type ActivityRow = z.output<typeof activityRowSchema>;
