import { describe, expect, it } from 'vitest';
import { SseDecoder, type SseMessage } from './sse-decoder';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Everything `stream` decodes to when it arrives in the given pieces. */
function decode(pieces: Uint8Array[]): SseMessage[] {
  const decoder = new SseDecoder();
  return [...pieces.flatMap((piece) => decoder.push(piece)), ...decoder.end()];
}

/** `text` split into reads at every byte boundary in turn, and byte by byte. */
function everySplit(text: string): Uint8Array[][] {
  const all = bytes(text);
  const splits = [[all], Array.from(all, (b) => Uint8Array.of(b))];
  for (let at = 1; at < all.length; at++) splits.push([all.slice(0, at), all.slice(at)]);
  return splits;
}

describe('SseDecoder', () => {
  it('decodes an OpenAI stream into its data payloads, however the reads split it', () => {
    const stream =
      'data: {"choices":[{"delta":{"content":"Hé"}}]}\n\n' +
      'data: {"choices":[{"delta":{"content":"🙂 there"}}]}\n\n' +
      'data: [DONE]\n\n';
    for (const pieces of everySplit(stream)) {
      expect(decode(pieces)).toEqual([
        { event: undefined, data: '{"choices":[{"delta":{"content":"Hé"}}]}' },
        { event: undefined, data: '{"choices":[{"delta":{"content":"🙂 there"}}]}' },
        { event: undefined, data: '[DONE]' },
      ]);
    }
  });

  it('accepts CRLF and CR line ends, also split between CR and LF', () => {
    for (const stream of ['data: a\r\n\r\ndata: b\r\n\r\n', 'data: a\r\rdata: b\r\r']) {
      for (const pieces of everySplit(stream)) {
        expect(decode(pieces)).toEqual([
          { event: undefined, data: 'a' },
          { event: undefined, data: 'b' },
        ]);
      }
    }
  });

  it('joins multi-line data, keeps event names, and ignores comments and unknown fields', () => {
    const stream = ': keep-alive\n\nevent: error\ndata: {"error":\ndata:{"x":1}}\nid: 7\nretry: 10\n\n';
    for (const pieces of everySplit(stream)) {
      expect(decode(pieces)).toEqual([{ event: 'error', data: '{"error":\n{"x":1}}' }]);
    }
  });

  it('dispatches a last event that the body ended without its blank line', () => {
    expect(decode([bytes('data: one\n\ndata: two')])).toEqual([
      { event: undefined, data: 'one' },
      { event: undefined, data: 'two' },
    ]);
  });

  it('does not carry an event name into the next event', () => {
    expect(decode([bytes('event: ping\n\ndata: x\n\n')])).toEqual([{ event: undefined, data: 'x' }]);
  });
});
