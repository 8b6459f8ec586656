/**
 * One claimed step attempt, start to finish: the kind builds the call, the provider streams it
 * (text coalesced into delta events, the lease renewed meanwhile), and one finish transaction
 * stores the outcome with its exact settlement. A run that ended meanwhile (Cancel) stops the
 * call: it drains for at most `stopDrainMs` to get the provider's exact usage, then is aborted,
 * and what it used is settled (estimated from the text if the provider never said).
 */
import { ProviderError } from '../llm/provider-error';
import { estimateTokensFor } from '../llm/pricing';
import { providerClient } from '../llm/providers';
import type { FinishReason, ProviderClient, ProviderRequest, TokenUsage } from '../llm/types';
import { DeltaBuffer } from './delta-buffer';
import type { LeaseKeeper } from './lease-keeper';
import { backoffMs, isRetryable } from './retry-policy';
import { appendDelta, finishAttempt, type AttemptUsage, type FinishArgs } from './store';
import type { EngineOptions } from './engine-options';
import type { ClaimedStep, StepCall, StepContext, StepShortcut } from './types';

const failureMessages: Record<ProviderError['kind'], string> = {
  rejected: 'The model provider rejected this step (it may be too long for the model).',
  rate_limited: 'The model provider is busy (rate limited).',
  misconfigured: 'The model provider is not configured correctly.',
  failed: 'The model provider failed to answer.',
  timeout: 'The model provider did not answer in time.',
  // Synchronous functions' call deadline (netlify/lib/llm/deadline.ts); a background step has none.
  deadline: 'The model call reached its time limit.',
  aborted: 'The model call was aborted.',
};

const asProviderError = (error: unknown) =>
  error instanceof ProviderError
    ? error
    : new ProviderError('failed', 'The provider call failed.', { cause: error });

const promptChars = (call: StepCall) =>
  call.messages.reduce((sum, m) => sum + m.content.length, call.system?.length ?? 0);

interface Streamed {
  content: string;
  usage: TokenUsage | undefined;
  finishReason: FinishReason | undefined;
  failure: ProviderError | undefined;
  stopped: boolean;
}

async function stream(
  engine: EngineOptions,
  keeper: LeaseKeeper,
  step: ClaimedStep,
  client: ProviderClient,
  request: ProviderRequest,
): Promise<Streamed> {
  const upstream = new AbortController();
  const result: Streamed = {
    content: '',
    usage: undefined,
    finishReason: undefined,
    failure: undefined,
    stopped: false,
  };
  let drainTimer: NodeJS.Timeout | undefined;
  keeper.track(step.id, () => {
    result.stopped = true;
    drainTimer = setTimeout(() => upstream.abort(), engine.stopDrainMs);
  });
  const buffer = new DeltaBuffer(engine.deltaIntervalMs);
  try {
    for await (const event of client.stream(request, upstream.signal)) {
      if (event.type === 'delta') {
        result.content += event.text;
        if (result.stopped) continue;
        buffer.push(event.text);
        const text = buffer.take(Date.now());
        if (text) await appendDelta(engine.db, step, engine.workerId, text);
      } else if (event.type === 'usage') {
        result.usage = event.usage;
      } else {
        result.finishReason = event.reason;
      }
    }
  } catch (error) {
    result.failure = asProviderError(error);
  } finally {
    clearTimeout(drainTimer);
    keeper.untrack(step.id);
  }
  return result;
}

export async function executeStep(
  engine: EngineOptions,
  keeper: LeaseKeeper,
  step: ClaimedStep,
): Promise<void> {
  const { db, log, workerId } = engine;
  const run = { id: step.runId, userId: step.userId, kind: step.runKind };
  const context: StepContext = { db, log, run, step };
  const kind = engine.kinds[run.kind];
  const startedAt = new Date();
  const finish = async (args: FinishArgs) => {
    if (!(await finishAttempt(db, step, workerId, args)))
      log.warn('step attempt superseded; its result was dropped', { stepId: step.id, attempt: step.attempt });
  };

  let call: StepCall | StepShortcut;
  let client: ProviderClient;
  try {
    call = await kind.prepare(context);
    client = (engine.clientFor ?? providerClient)(step.provider);
  } catch (error) {
    log.error('step could not be prepared', { stepId: step.id, error });
    return finish({ outcome: 'failed', error: 'This step could not be prepared.' });
  }
  // No call to make: its reservation is released, nothing is charged.
  if ('skipCall' in call) return finish({ outcome: 'completed', output: call.output });

  const request: ProviderRequest = { model: step.model, maxTokens: step.maxOutputTokens, ...call };
  const streamed = await stream(engine, keeper, step, client, request);
  // The test seam for a worker dying between the provider's last token and the settlement.
  await engine.beforeFinish?.(step);

  const latencyMs = Date.now() - startedAt.getTime();
  const usage: AttemptUsage | undefined = streamed.usage
    ? { ...streamed.usage, latencyMs, estimated: false, startedAt }
    : streamed.content === ''
      ? undefined
      : {
          inputTokens: estimateTokensFor(promptChars(call)),
          outputTokens: estimateTokensFor(streamed.content.length),
          cachedInputTokens: 0,
          latencyMs,
          estimated: true,
          startedAt,
        };
  const partial = streamed.content === '' ? undefined : { text: streamed.content };

  if (streamed.stopped)
    return finish({ outcome: 'stopped', output: partial, usage, error: 'Stopped: the run ended.' });
  if (streamed.failure) {
    const retry = isRetryable(streamed.failure);
    log.warn('step attempt failed', {
      stepId: step.id,
      attempt: step.attempt,
      retry,
      error: streamed.failure,
    });
    return finish({
      outcome: retry ? 'retry' : 'failed',
      output: partial,
      usage,
      error: failureMessages[streamed.failure.kind],
      retryAt: new Date(engine.now().getTime() + backoffMs(step.attempt)),
    });
  }
  try {
    const completion = await kind.complete(context, streamed.content);
    return await finish({
      outcome: 'completed',
      output: completion.output,
      usage,
      successors: completion.successors,
      runOutput: completion.runOutput,
      runError: completion.runError,
    });
  } catch (error) {
    log.error('step answer could not be used', { stepId: step.id, error });
    return finish({
      outcome: 'failed',
      output: partial,
      usage,
      error: 'The answer of this step could not be used.',
    });
  }
}
