/** Request bodies of the billing functions. */
import { z } from 'zod';

export const SubscriptionCheckoutBody = z.strictObject({
  plan: z.enum(['pro', 'max']),
  interval: z.enum(['month', 'year']),
});
export type SubscriptionCheckoutBody = z.infer<typeof SubscriptionCheckoutBody>;

export const TokenPackCheckoutBody = z.strictObject({
  packId: z
    .string()
    .regex(/^pack_[a-z0-9_]+$/, 'must be a token pack id like pack_10m')
    .max(100),
});
export type TokenPackCheckoutBody = z.infer<typeof TokenPackCheckoutBody>;

export interface RedirectUrl {
  url: string;
}
