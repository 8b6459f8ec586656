/**
 * Removes personal data and credentials from anything sent to Sentry: user emails, Authorization
 * and Cookie headers, JWTs (Supabase access tokens), Stripe keys and webhook secrets, and values of
 * fields whose name says they hold a secret. Sentry keeps events for months and is read by people
 * who should not see customers' emails or tokens.
 */
const FILTERED = '[Filtered]';

const sensitiveKey =
  /authorization|cookie|token|secret|password|passwd|api[-_]?key|apikey|credential|^email$/i;

/** Counts and flags under a sensitive-looking name (`output_tokens: 12`) are not secrets. */
const mayHoldSecret = (value: unknown) =>
  (typeof value === 'string' && value !== '') || (typeof value === 'object' && value !== null);

const patterns: Array<[RegExp, string]> = [
  [/\bBearer\s+[\w.~+/-]+=*/gi, 'Bearer [Filtered]'],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[jwt]'],
  [/\b(?:sk|rk|pk)_(?:live|test)_\w+/g, '[stripe-key]'],
  [/\bwhsec_\w+/g, '[webhook-secret]'],
  [/\bsb_secret_[\w-]+/g, '[supabase-secret]'],
  [/[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
];

export function scrubString(value: string): string {
  return patterns.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), value);
}

/** A deep copy of `value` with secrets and emails removed; cycles are cut. */
export function scrubValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, seen));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = sensitiveKey.test(key) && mayHoldSecret(item) ? FILTERED : scrubValue(item, seen);
  }
  return result;
}

/**
 * Sentry `beforeSend`: scrubs the whole event and keeps only the user's id (enough to find them in
 * our own database, useless to anyone else).
 */
export function scrubEvent<T extends object>(event: T): T {
  const { user, ...rest } = event as T & { user?: { id?: string | number } };
  const scrubbed = scrubValue(rest) as T & { user?: { id: string | number } };
  if (user?.id !== undefined) scrubbed.user = { id: user.id };
  return scrubbed;
}
