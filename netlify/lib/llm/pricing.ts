/**
 * What a call may cost before it is made. The model's price and the reservation amount come from
 * billing.price_call (the one pricing formula, DESIGN.md §5) inside the reservation itself; here
 * are the caller's plan (for the output cap) and the token estimates.
 */
import { maxOutputTokensByPlan } from '../../../src/shared/llm-contract';
import { storedPlan } from '../auth/stored-plan';
import type { Queryable } from '../db';

export type Plan = keyof typeof maxOutputTokensByPlan;

/** A plan name as the output caps know it; unknown or missing plans count as free. */
export const asPlan = (plan: unknown): Plan =>
  typeof plan === 'string' && plan in maxOutputTokensByPlan ? (plan as Plan) : 'free';

/** The caller's plan. */
export async function planOf(db: Queryable, userId: string): Promise<Plan> {
  return asPlan(await storedPlan(db, userId));
}

/**
 * Prompt tokens to reserve for `chars` characters: one per two characters, about twice the usual
 * English ratio, so the hold covers dense scripts and code rather than under-reserving; plus the
 * per-message framing.
 */
export const reserveTokensFor = (chars: number, messages: number) => Math.ceil(chars / 2) + 8 * messages;

/** Tokens for an estimated charge when the provider never reported usage. */
export const estimateTokensFor = (chars: number) => Math.ceil(chars / 4);
