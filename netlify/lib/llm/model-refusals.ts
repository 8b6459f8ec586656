/**
 * A call's settings checked against what its model accepts (src/shared/model-capabilities.ts, ADR
 * 0087). A setting the model would answer with a provider 400 gets our 400 instead, naming the
 * parameter and why, before anything is reserved or sent. The chat path never gets here with one:
 * it leaves out what the model refuses.
 */
import type { LlmProviderName, LlmRequest } from '../../../src/shared/llm-contract';
import { capabilitiesOf } from '../../../src/shared/model-capabilities';
import { ApiError } from '../http/api-error';

export function refuseWhatTheModelRefuses(
  provider: LlmProviderName,
  request: Pick<LlmRequest, 'model' | 'temperature'>,
): void {
  const { fixedTemperature, reason } = capabilitiesOf(provider, request.model);
  if (fixedTemperature === undefined || request.temperature === undefined) return;
  // The default itself is accepted (and changes nothing).
  if (request.temperature === fixedTemperature) return;
  throw new ApiError(
    'VALIDATION_FAILED',
    `${request.model} does not accept a temperature other than its default (${fixedTemperature}): leave temperature out.`,
    { details: [{ path: 'temperature', message: `${reason ?? 'Not accepted by this model'}.` }] },
  );
}
