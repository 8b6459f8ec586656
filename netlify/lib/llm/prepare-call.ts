/**
 * Stage 1 of a model call: the provider request built, the plan's output cap checked and the
 * maximum cost reserved, in one round trip before the provider is called (ADR 0019, 0062).
 */
import { randomUUID } from 'node:crypto';
import { defaultMaxOutputTokens, maxOutputTokensByPlan } from '../../../src/shared/llm-contract';
import { ApiError } from '../http/api-error';
import type { CallSpec, GatewayDeps, PreparedCall } from './call';
import { promptChars } from './call';
import { callDeadline } from './deadline';
import { beginCall, releaseCredits, reserveCredits } from './metering';
import { refuseWhatTheModelRefuses } from './model-refusals';
import { asPlanId, type PlanId } from '../../../src/shared/plans';
import { planOf } from '../auth/stored-plan';
import { reserveTokensFor } from './pricing';
import { providerClient } from './providers';
import type { ProviderRequest } from './types';

/** 400 when the request asks for more output than the caller's plan allows. */
function checkOutputCap(plan: PlanId, maxTokens: number): void {
  const cap = maxOutputTokensByPlan[plan];
  if (maxTokens <= cap) return;
  throw new ApiError(
    'VALIDATION_FAILED',
    `Your ${plan} plan allows at most ${cap} output tokens per request.`,
    {
      details: [{ path: 'max_tokens', message: `At most ${cap} on the ${plan} plan.` }],
    },
  );
}

/**
 * Validates the call against the plan and the price list and reserves its maximum cost, in one
 * round trip before the provider is called: the reservation answers the caller's plan, and a
 * request over its plan's output cap gives back the hold it took. A request that is both over the
 * cap and unaffordable gets the cap's 400 (the plan is looked up on that path only).
 */
export async function prepareCall(deps: GatewayDeps, spec: CallSpec): Promise<PreparedCall> {
  refuseWhatTheModelRefuses(spec.provider, spec.request);
  const maxTokens = spec.request.max_tokens ?? defaultMaxOutputTokens;
  const providerRequest: ProviderRequest = {
    model: spec.request.model,
    messages: spec.request.messages,
    maxTokens,
    ...(spec.request.system ? { system: spec.request.system } : {}),
    ...(spec.request.temperature === undefined ? {} : { temperature: spec.request.temperature }),
  };
  // Resolve the client before reserving: a provider without a key fails without touching credits.
  const client = providerClient(spec.provider);
  const callId = randomUUID();
  const reservedInputTokens = reserveTokensFor(promptChars(providerRequest), providerRequest.messages.length);
  const reserved = {
    provider: spec.provider,
    model: spec.request.model,
    inputTokens: reservedInputTokens,
    outputTokens: maxTokens,
    feature: spec.feature,
    sessionId: spec.sessionId,
    messageId: spec.messageId,
  };
  let plan: PlanId;
  if (deps.deferredRateLimit) {
    // One round trip: the rate limit, the plan and the hold (ADR 0062).
    const begun = await beginCall(deps.db, spec.userId, callId, reserved, deps.deferredRateLimit);
    plan = asPlanId(begun.plan);
    if (begun.refusal) {
      if (begun.refusal.code === 'INSUFFICIENT_CREDITS') checkOutputCap(plan, maxTokens);
      throw begun.refusal;
    }
  } else {
    try {
      plan = asPlanId(await reserveCredits(deps.db, spec.userId, callId, reserved));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'INSUFFICIENT_CREDITS')
        checkOutputCap(await planOf(deps.db, spec.userId), maxTokens);
      throw error;
    }
  }
  try {
    checkOutputCap(plan, maxTokens);
  } catch (error) {
    await releaseCredits(deps.db, callId);
    throw error;
  }
  return {
    callId,
    spec,
    providerRequest,
    client,
    startedAt: new Date(),
    reservedInputTokens,
    deadline: deps.deadline ?? callDeadline(Date.now(), undefined),
  };
}
