/**
 * The LLM tests' world: callers with a plan and a known balance, the gateway and agents
 * functions called with real Requests, SSE answers parsed, and the stand-in's call counter.
 */
import pg from 'pg';
import { createUser, jsonRequest, mintToken, netlifyContext } from '../http/helpers';

export const models = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  google: 'gemini-3.8-flash',
  perplexity: 'sonar',
} as const;

let pool: pg.Pool | undefined;
/** Superuser pool on the test database (for setup and assertions only). */
export function testDb(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  return pool;
}

export interface Caller {
  id: string;
  token: string;
}

/**
 * A signed-in user on `plan`. With `allowance`, the monthly allowance is replaced by that amount;
 * `purchased` adds purchased credits.
 */
export async function newCaller(
  options: { plan?: 'free' | 'pro' | 'max'; allowance?: number; purchased?: number } = {},
): Promise<Caller> {
  const db = testDb();
  const user = await createUser(db, { plan: options.plan });
  if (options.allowance !== undefined) {
    await db.query(`select billing.grant_allowance($1, $2, now(), now() + interval '1 month', $3)`, [
      user.id,
      options.allowance,
      `test-allowance:${user.id}`,
    ]);
  }
  if (options.purchased) {
    await db.query('select billing.add_purchased_credits($1, $2, $3)', [
      user.id,
      options.purchased,
      `test-purchase:${user.id}`,
    ]);
  }
  return { id: user.id, token: await mintToken({ sub: user.id, email: user.email }) };
}

export async function available(userId: string): Promise<number> {
  const { rows } = await testDb().query<{ available: string }>('select (billing.get_balance($1)).available', [
    userId,
  ]);
  return Number(rows[0]?.available);
}

/** The exact credits billing.price_call gives for this usage now. */
export async function priceOf(
  provider: string,
  model: string,
  usage: { input_tokens: number; output_tokens: number; cached_input_tokens: number },
) {
  const { rows } = await testDb().query<{ credits: string }>(
    'select billing.price_call($1, $2, $3, $4, $5) as credits',
    [provider, model, usage.input_tokens, usage.output_tokens, usage.cached_input_tokens],
  );
  return Number(rows[0]?.credits);
}

export interface UsageRowRead {
  request_id: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  credits_charged: number;
  latency_ms: number | null;
  status: string;
  estimated: boolean;
  session_id: string | null;
  message_id: string | null;
}

export async function usageRows(userId: string): Promise<UsageRowRead[]> {
  const { rows } = await testDb().query<UsageRowRead>(
    `select request_id, provider, model, input_tokens::int, output_tokens::int, cached_tokens::int,
            credits_charged::int, latency_ms, status, estimated, session_id, message_id
     from public.token_usage where user_id = $1 order by created_at`,
    [userId],
  );
  return rows;
}

/** Polls until `read` returns something (work that continues after the response). */
export async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads a whole `text/event-stream` body into its events. */
export async function readEvents(response: Response): Promise<SseEvent[]> {
  return parseEvents(await response.text());
}

export function parseEvents(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice('data: '.length))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

/** How many calls reached the stand-in with `tag` in their prompt. */
export async function standInCalls(tag: string): Promise<number> {
  const base = new URL(process.env.OPENAI_BASE_URL ?? '').origin;
  const response = await fetch(`${base}/__stand-in/calls?contains=${encodeURIComponent(tag)}`);
  const body = (await response.json()) as { count: number };
  return body.count;
}

export const uniqueTag = () => `tag-${crypto.randomUUID()}`;

export { jsonRequest, netlifyContext };
