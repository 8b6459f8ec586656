import { describe, expect, it } from 'vitest';
import { streamEvents, type ServerSentEvent } from './stream-events';

const encoder = new TextEncoder();

/** A streamed response whose body arrives in exactly these chunks. */
function sseResponse(chunks: (string | Uint8Array)[]) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

async function collect(response: Response): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of streamEvents(response)) events.push(event);
  return events;
}

describe('streamEvents', () => {
  it('joins multi-line data and defaults the event name to "message"', async () => {
    const events = await collect(
      sseResponse(['event: delta\ndata: {"text":"Hel"}\n\n', 'data: line one\ndata: line two\ndata:\n\n']),
    );
    expect(events).toEqual([
      { event: 'delta', data: '{"text":"Hel"}' },
      { event: 'message', data: 'line one\nline two\n' },
    ]);
  });

  it('reassembles events and lines split across chunks at any byte', async () => {
    const text = 'event: delta\ndata: {"text":"Grüße"}\n\nevent: done\ndata: {"usage":{"output":12}}\n\n';
    const bytes = encoder.encode(text);
    // One byte per chunk splits every line, the field names and the two-byte "ü".
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(await collect(sseResponse(chunks))).toEqual([
      { event: 'delta', data: '{"text":"Grüße"}' },
      { event: 'done', data: '{"usage":{"output":12}}' },
    ]);
  });

  it('accepts CRLF and CR line endings, including a CRLF split between chunks', async () => {
    const events = await collect(sseResponse(['event: a\r', '\ndata: 1\r\n\r\n', 'event: b\rdata: 2\r\r']));
    expect(events).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('ignores comments, unknown fields and events without data; keeps ids', async () => {
    const events = await collect(
      sseResponse([': keep-alive\n\n', 'retry: 1000\nfoo: bar\nevent: ping\n\n', 'id: 7\ndata:no space\n\n']),
    );
    expect(events).toEqual([{ event: 'message', data: 'no space', id: '7' }]);
  });

  it('drops an event the stream ended in the middle of', async () => {
    const events = await collect(sseResponse(['data: complete\n\n', 'data: cut off']));
    expect(events).toEqual([{ event: 'message', data: 'complete' }]);
  });

  it('cancels the body when the consumer stops reading early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: tick\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of streamEvents(body)) {
      expect(event.data).toBe('tick');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
