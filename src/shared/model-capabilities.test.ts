import { describe, expect, it } from 'vitest';
import { capabilitiesOf, sendableTemperature } from './model-capabilities';

describe('model capabilities', () => {
  it.each([
    'claude-sonnet-5-5',
    'claude-opus-5-5',
    'claude-sonnet-5',
    'claude-opus-5-5-20261015',
    'claude-haiku-5-5',
  ])('%s takes only its default temperature and no forced tool', (model) => {
    expect(capabilitiesOf('anthropic', model)).toMatchObject({
      fixedTemperature: 1,
      forcedToolChoice: false,
    });
  });

  it.each(['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-sonnet-50x'])(
    '%s accepts both',
    (model) => {
      expect(capabilitiesOf('anthropic', model)).toEqual({
        fixedTemperature: undefined,
        forcedToolChoice: true,
        reason: undefined,
      });
    },
  );

  it('keys families by provider: a model id elsewhere is not a Claude model', () => {
    expect(capabilitiesOf('openai', 'claude-sonnet-5-5').fixedTemperature).toBeUndefined();
  });

  it("sends a chat's temperature as the model takes it", () => {
    expect(sendableTemperature('anthropic', 'claude-sonnet-5-5', 0.3)).toBeUndefined();
    expect(sendableTemperature('anthropic', 'claude-haiku-4-5', 1.6)).toBe(1);
    expect(sendableTemperature('openai', 'gpt-6.1-terra', 1.6)).toBe(1.6);
    expect(sendableTemperature('google', 'gemini-3.8-flash', undefined)).toBeUndefined();
  });
});
