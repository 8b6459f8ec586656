/**
 * What a call may cost before it is made. The model's price and the reservation amount come from
 * billing.price_call (the one pricing formula, DESIGN.md §5) inside the reservation itself; here
 * are the token estimates (the caller's plan is `planOf` in auth/stored-plan.ts).
 */

/**
 * Prompt tokens to reserve for `chars` characters: one per two characters, about twice the usual
 * English ratio, so the hold covers dense scripts and code rather than under-reserving; plus the
 * per-message framing.
 */
export const reserveTokensFor = (chars: number, messages: number) => Math.ceil(chars / 2) + 8 * messages;

/** Tokens for an estimated charge when the provider never reported usage. */
export const estimateTokensFor = (chars: number) => Math.ceil(chars / 4);
