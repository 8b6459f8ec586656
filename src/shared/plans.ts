/**
 * The plans whose limits live in code (output caps, run budgets, request rates): the ids of
 * `public.plans`, which a schema test compares with this list. One definition, imported by every
 * per-plan table; anything else a profile might hold counts as free, the safest limits.
 */
export const planIds = ['free', 'pro', 'max'] as const;

export type PlanId = (typeof planIds)[number];

/** A value for every plan, so a new plan cannot be added without deciding its limits. */
export type ByPlan<T> = Readonly<Record<PlanId, T>>;

/** A stored plan as the limits know it; unknown or missing plans count as free. */
export const asPlanId = (plan: unknown): PlanId =>
  typeof plan === 'string' && (planIds as readonly string[]).includes(plan) ? (plan as PlanId) : 'free';
