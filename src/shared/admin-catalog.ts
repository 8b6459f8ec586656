/** The admin console's catalog and price-list contracts (/api/admin/employees…, /api/admin/prices…). */
import { z } from 'zod';
import { llmProviderNames } from './llm-contract';

export interface AdminEmployee {
  id: string;
  slug: string;
  name: string;
  category: string;
  published: boolean;
  latestVersion: number | null;
  provider: string | null;
  model: string | null;
  hires: number;
  activeUsers: number;
  messages: number;
  reviews: number;
  /** Average rating, null before the first review. */
  rating: number | null;
  /** New hires in the last 30 days and the 30 before: the trend. */
  hiresLast30Days: number;
  hiresPrevious30Days: number;
}

export const EmployeeVersionBody = z.object({
  systemPrompt: z.string().trim().min(20, 'Write the system prompt (at least 20 characters).').max(50_000),
  provider: z.enum(llmProviderNames),
  model: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'Not a model id.'),
  tools: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Tool names are snake_case.'),
    )
    .max(32)
    .default([]),
  changelog: z.string().trim().min(3, 'Say what changed.').max(2000),
});
export type EmployeeVersion = z.infer<typeof EmployeeVersionBody>;

export const PublicationBody = z.object({ published: z.boolean() });

export interface AdminPrice {
  id: string;
  provider: string;
  model: string;
  displayName: string;
  inputRate: number;
  outputRate: number;
  cachedInputRate: number;
  contextWindow: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** `retiring`: in force now, with the model's last price ending at effectiveTo (a shutdown date). */
  status: 'current' | 'retiring' | 'scheduled' | 'ended';
  /** Active hires pinned to a version on this model. */
  pinnedHires: number;
}

const rate = z.number().int().min(0).max(1e12);
const model = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'Not a model id.');

/** Rates are credits per 1M tokens (= US$ per 1M tokens × 1,000,000). */
export const PriceBody = z.object({
  provider: z.enum(llmProviderNames),
  model,
  displayName: z.string().trim().min(1).max(100),
  inputRate: rate,
  outputRate: rate,
  cachedInputRate: rate,
  contextWindow: z.number().int().positive().max(100_000_000).nullable().default(null),
  effectiveFrom: z.iso.datetime({ offset: true }),
});
export type Price = z.infer<typeof PriceBody>;

export const RetireBody = z.object({
  provider: z.enum(llmProviderNames),
  model,
  retireAt: z.iso.datetime({ offset: true }),
});
export type Retirement = z.infer<typeof RetireBody>;
