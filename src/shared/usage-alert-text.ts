/**
 * A usage alert in words. The database records only what happened — the alert's kind and figures
 * (usage_alerts; the notification's `facts`, migration 20261205110100) — so the wording can change
 * without a migration (ADR 0074). The bell and the dashboard word alerts with `usageAlertText`; the
 * usage_alert email template reads the same facts and words them for an email.
 */
import { z } from 'zod';

export const usageAlertKinds = ['warning', 'critical', 'limit_reached', 'purchased_low'] as const;
export type UsageAlertKind = (typeof usageAlertKinds)[number];

/** The facts of one alert, as the usage_alerts triggers write them for a notification and an email. */
export const usageAlertFactsSchema = z.object({
  kind: z.enum(usageAlertKinds),
  thresholdPercent: z.number().int(),
  usedCredits: z.number(),
  /** The period's allowance; for purchased_low, the purchased balance right after the last purchase. */
  allowanceCredits: z.number(),
});
export type UsageAlertFacts = z.output<typeof usageAlertFactsSchema>;

/** Title and body of a usage alert; `credits` formats a number of credits (the SPA's formatter). */
export function usageAlertText(
  facts: UsageAlertFacts,
  credits: (value: number) => string,
): { title: string; body: string } {
  switch (facts.kind) {
    case 'limit_reached':
      return {
        title: 'Monthly allowance used up',
        body: 'Further use draws on purchased credits until your allowance renews.',
      };
    case 'purchased_low':
      return {
        title: 'Purchased credits running low',
        body: `Under 10% of the ${credits(facts.allowanceCredits)} credits you had after your last purchase are left.`,
      };
    default:
      return {
        title: `${facts.thresholdPercent}% of this month's allowance used`,
        body: `${credits(facts.usedCredits)} of ${credits(facts.allowanceCredits)} credits.`,
      };
  }
}
