/** Where Stripe's hosted pages send the user back to: the SPA's billing page, with its state. */
export function billingPageUrl(appUrl: string, state?: 'success' | 'cancel'): string {
  const url = new URL('/billing', appUrl);
  if (state) url.searchParams.set('checkout', state);
  // Stripe substitutes the session id; it must stay unencoded.
  return state === 'success' ? `${url.toString()}&session_id={CHECKOUT_SESSION_ID}` : url.toString();
}
