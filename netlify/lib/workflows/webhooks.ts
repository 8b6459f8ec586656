/**
 * Webhook triggers (docs/decisions/0042). Making or rotating a hook is the owner's (their
 * ownership read under RLS); the token is 32 random bytes shown once and stored as its SHA-256,
 * so a leaked database never yields a usable URL. A delivery is a service action: the token
 * finds the workflow (404 and nothing written otherwise), the per-workflow rate limit counts it,
 * an optional HMAC-SHA256 signature of the raw body is checked in constant time, and the
 * `Idempotency-Key` (24 h) is recorded with the run id before the run is created, so two
 * deliveries with one key start one run; a run that cannot start removes its key again.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { asUser, type DbCaller } from '../db-as-user';
import { withTransaction } from '../db';
import { ApiError } from '../http/api-error';
import type { Logger } from '../observability/logger';
import { selectLimiter } from '../rate-limit/select-limiter';
import type { WorkflowRunCreated } from '../../../src/shared/workflows-contract';
import { startWorkflowRun } from './start-workflow-run';

export const signatureHeader = 'x-signature';
/** Deliveries per workflow per minute. */
export const hookRateLimit = { limit: 60, windowSeconds: 60 } as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const signBody = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface WebhookMade {
  webhook: { token: string; path: string; token_hint: string; secret: string | null };
}

/** Makes the workflow's hook, or replaces it (the old token and secret stop working at once). */
export async function makeWebhook(
  db: pg.Pool,
  caller: DbCaller,
  workflowId: string,
  signed: boolean,
): Promise<WebhookMade> {
  const mine = await asUser(db, caller, async (client) => {
    const { rows } = await client.query('select 1 from public.automation_workflows where id = $1', [
      workflowId,
    ]);
    return rows.length > 0;
  });
  if (!mine) throw new ApiError('NOT_FOUND', 'No such workflow.');
  const token = randomBytes(32).toString('base64url');
  const secret = signed ? randomBytes(32).toString('base64url') : null;
  // Service connection: token hashes and secrets are not user-writable.
  await withTransaction(db, async (client) => {
    await client.query(
      `insert into public.workflow_webhooks (workflow_id, user_id, token_hash, token_hint, signed, created_at)
       values ($1, $2, $3, $4, $5, now())
       on conflict (workflow_id) do update
         set token_hash = excluded.token_hash, token_hint = excluded.token_hint, signed = excluded.signed, created_at = now()`,
      [workflowId, caller.id, sha256(token), token.slice(-4), signed],
    );
    await client.query('delete from public.workflow_webhook_secrets where workflow_id = $1', [workflowId]);
    if (secret)
      await client.query(
        'insert into public.workflow_webhook_secrets (workflow_id, secret) values ($1, $2)',
        [workflowId, secret],
      );
  });
  return {
    webhook: { token, path: `/api/hooks/workflows/${token}`, token_hint: token.slice(-4), secret },
  };
}

interface Hook {
  workflow_id: string;
  user_id: string;
  signed: boolean;
  secret: string | null;
  name: string;
  version_id: string | null;
  version: number;
  definition: unknown;
}

function checkSignature(hook: Hook, header: string | null, body: string) {
  if (!hook.signed) return;
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(signBody(hook.secret ?? '', body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new ApiError('UNAUTHENTICATED', `Missing or wrong ${signatureHeader} (HMAC-SHA256 of the body).`);
}

function inputsOf(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ApiError('VALIDATION_FAILED', 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ApiError('VALIDATION_FAILED', "The body must be a JSON object of the workflow's inputs.");
  return parsed as Record<string, unknown>;
}

export interface Delivery {
  token: string;
  body: string;
  signature: string | null;
  idempotencyKey: string | null;
}

/** A delivery: the run it started, or the run an earlier delivery with the same key started. */
export async function deliverWebhook(
  db: pg.Pool,
  log: Logger,
  delivery: Delivery,
): Promise<WorkflowRunCreated['run'] | { id: string; replayed: true }> {
  const { rows } = await db.query<Hook>(
    `select h.workflow_id, h.user_id, h.signed, s.secret, w.name, v.id as version_id, v.version, v.definition
     from public.workflow_webhooks h
     join public.automation_workflows w on w.id = h.workflow_id
     left join public.workflow_webhook_secrets s on s.workflow_id = h.workflow_id
     left join public.automation_workflow_versions v on v.id = w.current_version_id
     where h.token_hash = $1`,
    [sha256(delivery.token)],
  );
  const hook = rows[0];
  if (!hook) throw new ApiError('NOT_FOUND', 'No such webhook.');
  const counted = await selectLimiter(db, log).limit(`workflow-hook:${hook.workflow_id}`, hookRateLimit);
  if (!counted.allowed)
    throw new ApiError('RATE_LIMITED', 'Too many deliveries for this workflow. Please slow down.', {
      headers: { 'retry-after': String(counted.retryAfterSeconds) },
    });
  checkSignature(hook, delivery.signature, delivery.body);
  const inputs = inputsOf(delivery.body);
  if (!hook.version_id) throw new ApiError('CONFLICT', 'This workflow has never been saved.');

  const runId = randomUUID();
  const key = delivery.idempotencyKey;
  if (key) {
    // An expired key (over 24 h) is forgotten; a live one answers its run.
    await db.query(
      `delete from public.workflow_webhook_deliveries
       where workflow_id = $1 and idempotency_key = $2 and created_at < now() - interval '24 hours'`,
      [hook.workflow_id, key],
    );
    const { rows: recorded } = await db.query<{ run_id: string; fresh: boolean }>(
      `insert into public.workflow_webhook_deliveries (workflow_id, idempotency_key, run_id)
       values ($1, $2, $3)
       on conflict (workflow_id, idempotency_key) do update set run_id = workflow_webhook_deliveries.run_id
       returning run_id, (run_id = $3) as fresh`,
      [hook.workflow_id, key, runId],
    );
    if (recorded[0] && !recorded[0].fresh) return { id: recorded[0].run_id, replayed: true };
  }
  try {
    const created = await startWorkflowRun(
      db,
      {
        workflowId: hook.workflow_id,
        userId: hook.user_id,
        name: hook.name,
        versionId: hook.version_id,
        version: hook.version,
        definition: hook.definition,
      },
      { trigger: 'webhook', inputs, runId },
    );
    return created.run;
  } catch (error) {
    if (key)
      await db.query(
        'delete from public.workflow_webhook_deliveries where workflow_id = $1 and idempotency_key = $2 and run_id = $3',
        [hook.workflow_id, key, runId],
      );
    throw error;
  }
}
