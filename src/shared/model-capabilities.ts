/**
 * What a model's API refuses that older models of its provider accepted, by model family (ADR
 * 0087). Newer models answer some request shapes with a provider 400, so the one table is read by
 * the chat path (which leaves out what a model refuses), the proxy (which refuses it with our 400
 * before anything is reserved) and the Anthropic adapter (which picks the structured-output mode
 * the model takes). A model outside every family accepts everything the contract can send.
 */
import type { LlmProviderName } from './llm-contract';

export interface ModelCapabilities {
  /**
   * The only temperature the model takes (its default), or undefined when any value in the
   * contract's range is accepted. Anthropic's default is 1.
   */
  fixedTemperature: number | undefined;
  /**
   * Whether a forced tool choice is accepted. Anthropic adapters ask for structured output as a
   * forced tool; a model that refuses one gets the JSON-schema output format instead.
   */
  forcedToolChoice: boolean;
  /** Why, in words a caller can act on (quoted in our 400). */
  reason: string | undefined;
}

interface Family {
  provider: LlmProviderName;
  /** Model ids of the family, dated snapshots included. */
  pattern: RegExp;
  capabilities: Omit<ModelCapabilities, 'reason'>;
  reason: string;
}

const families: readonly Family[] = [
  {
    // Claude 5.x: "setting sampling parameters (temperature, top_p, top_k) to non-default values
    // returns a 400" (Sonnet 5 overview); "forced tool use returns an error" (Sonnet 5.5 overview).
    provider: 'anthropic',
    pattern: /^claude-(?:opus|sonnet|haiku|fable)-5(?:[-.@]|$)/,
    capabilities: { fixedTemperature: 1, forcedToolChoice: false },
    reason: 'Claude 5 models accept only their default sampling',
  },
  {
    // Claude Opus 4.7 removed the sampling parameters (Anthropic's "What's new in Claude 4.7");
    // Opus 4.8 kept that.
    provider: 'anthropic',
    pattern: /^claude-opus-4-[78](?:[-@]|$)/,
    capabilities: { fixedTemperature: 1, forcedToolChoice: true },
    reason: 'Claude Opus 4.7 and later accept only their default sampling',
  },
];

const unrestricted: ModelCapabilities = {
  fixedTemperature: undefined,
  forcedToolChoice: true,
  reason: undefined,
};

export function capabilitiesOf(provider: LlmProviderName, model: string): ModelCapabilities {
  const family = families.find((f) => f.provider === provider && f.pattern.test(model));
  return family ? { ...family.capabilities, reason: family.reason } : unrestricted;
}

/**
 * The temperature to send for a setting the caller did not choose per call (a chat's, from
 * /settings): none when the model takes only its default, else the setting within the provider's
 * range (Anthropic's tops out at 1, the setting's at 2).
 */
export function sendableTemperature(
  provider: LlmProviderName,
  model: string,
  temperature: number | undefined,
): number | undefined {
  if (temperature === undefined || capabilitiesOf(provider, model).fixedTemperature !== undefined)
    return undefined;
  return provider === 'anthropic' ? Math.min(temperature, 1) : temperature;
}
