/**
 * Every email the product sends, by template name (email_outbox.template): its category (which
 * preference turns it off, if any), the payload it needs and its wording. Sign-up confirmation
 * and password reset are Supabase Auth's own emails (supabase/templates/, ADR 0037).
 */
import { z } from 'zod';
import { usageAlertFactsSchema } from '../../../../src/shared/usage-alert-text';
import type { EmailCategory } from '../categories';
import type { EmailContent } from './layout';

interface TemplateDefinition<S extends z.ZodType> {
  category: EmailCategory;
  payload: S;
  content: (payload: z.output<S>, appUrl: string) => EmailContent;
}

const define = <S extends z.ZodType>(definition: TemplateDefinition<S>) => definition;

const credits = (value: number) => new Intl.NumberFormat('en-US').format(value);

export const emailTemplates = {
  support_reply: define({
    category: 'activity',
    payload: z.object({ ticketId: z.uuid(), subject: z.string(), excerpt: z.string() }),
    content: (p, appUrl) => ({
      subject: `Re: ${p.subject}`,
      paragraphs: [`Our support team replied to your ticket “${p.subject}”:`, p.excerpt],
      action: { label: 'Read and reply', url: `${appUrl}/support/tickets/${p.ticketId}` },
    }),
  }),
  usage_alert: define({
    category: 'usage',
    // Written by the usage_alerts trigger (migration 20261203140200); the facts of src/shared.
    payload: usageAlertFactsSchema,
    content: (p, appUrl) => {
      const left = credits(Math.max(0, p.allowanceCredits - p.usedCredits));
      const action = { label: 'Buy credits or change plan', url: `${appUrl}/billing` };
      if (p.kind === 'purchased_low')
        return {
          subject: 'Your purchased credits are running low',
          paragraphs: [
            `Less than 10% of the credits you had after your last purchase are left (${left} credits).`,
            'Buy a token pack to keep going once your monthly allowance is spent.',
          ],
          action,
        };
      if (p.kind === 'limit_reached')
        return {
          subject: 'Your monthly credits are used up',
          paragraphs: [
            'Your monthly allowance is spent. Purchased credits are used next; requests beyond your balance are declined before any model is called.',
          ],
          action,
        };
      return {
        subject: `You have used ${p.thresholdPercent}% of your monthly credits`,
        paragraphs: [
          `You have used ${p.thresholdPercent}% of this month's allowance; ${left} credits are left.`,
        ],
        action,
      };
    },
  }),
  payment_failed: define({
    category: 'essential',
    payload: z.object({ planName: z.string(), amountDue: z.string(), nextAttemptAt: z.string().nullable() }),
    content: (p, appUrl) => ({
      subject: 'Your payment failed',
      paragraphs: [
        `We could not collect ${p.amountDue} for your ${p.planName} plan.`,
        p.nextAttemptAt
          ? `We will try again on ${p.nextAttemptAt}. Please update your payment method before then to keep your plan.`
          : 'Please update your payment method to keep your plan.',
      ],
      action: { label: 'Update payment method', url: `${appUrl}/billing` },
    }),
  }),
  run_finished: define({
    category: 'activity',
    payload: z.object({ runTitle: z.string(), url: z.string() }),
    content: (p, appUrl) => ({
      subject: `Finished: ${p.runTitle}`,
      paragraphs: [`Your run “${p.runTitle}” has finished.`],
      action: { label: 'See the result', url: `${appUrl}${p.url}` },
    }),
  }),
  run_failed: define({
    category: 'activity',
    payload: z.object({ runTitle: z.string(), url: z.string(), reason: z.string() }),
    content: (p, appUrl) => ({
      subject: `Failed: ${p.runTitle}`,
      paragraphs: [
        `Your run “${p.runTitle}” did not finish: ${p.reason}`,
        'Credits are charged only for completed steps.',
      ],
      action: { label: 'See what happened', url: `${appUrl}${p.url}` },
    }),
  }),
  account_deleted: define({
    category: 'essential',
    payload: z.object({}),
    content: () => ({
      subject: 'Your account has been deleted',
      paragraphs: [
        'As you asked, your account and everything it held — conversations, hires, workflows and settings — have been deleted.',
        'Billing records we must keep for accounting are kept without your identity. If you did not ask for this, reply to this email.',
      ],
    }),
  }),
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;

export type EmailPayload<T extends EmailTemplateName> = z.input<(typeof emailTemplates)[T]['payload']>;

export const isEmailTemplate = (name: string): name is EmailTemplateName => name in emailTemplates;
