/**
 * Reads a `text/event-stream` body as server-sent events, following the parsing rules of the
 * HTML spec (§9.2.6): lines end in CRLF, LF or CR; `data:` lines of one event are joined with
 * "\n"; a blank line dispatches; comments (`:`) and unknown fields are ignored; an event left
 * incomplete when the stream ends is dropped. Chunks may split lines, and even UTF-8 characters,
 * anywhere. EventSource itself is not used because it cannot POST or send an Authorization header.
 */

export interface ServerSentEvent {
  /** The `event:` field, or "message" when the server sent none. */
  event: string;
  data: string;
  /** The `id:` field, when present. */
  id?: string;
}

type Body = Response | ReadableStream<Uint8Array>;

/**
 * Yields each event as it completes. Breaking out of the loop cancels the underlying stream,
 * which is how a "stop" button ends a response early.
 */
export async function* streamEvents(body: Body): AsyncGenerator<ServerSentEvent, void, undefined> {
  const stream = 'getReader' in body ? body : body.body;
  if (!stream) return;

  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parser = new EventParser();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        yield* parser.push(decoder.decode(), true);
        return;
      }
      yield* parser.push(decoder.decode(value, { stream: true }), false);
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

class EventParser {
  private buffer = '';
  private eventType = '';
  private data: string[] = [];
  private id: string | undefined;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string, end: boolean): ServerSentEvent[] {
    this.buffer += text;
    const events: ServerSentEvent[] = [];
    for (;;) {
      const lineEnd = this.buffer.search(/\r\n|\r|\n/);
      if (lineEnd === -1) break;
      // A trailing CR may be the first half of a CRLF split across chunks: wait for more input.
      if (!end && this.buffer[lineEnd] === '\r' && lineEnd === this.buffer.length - 1) break;
      const newlineLength = this.buffer.startsWith('\r\n', lineEnd) ? 2 : 1;
      const line = this.buffer.slice(0, lineEnd);
      this.buffer = this.buffer.slice(lineEnd + newlineLength);
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    return events;
  }

  private processLine(line: string): ServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      default:
        // `retry` and unknown fields do not apply to a one-shot fetch stream.
        break;
    }
    return undefined;
  }

  private dispatch(): ServerSentEvent | undefined {
    const hasData = this.data.length > 0;
    const event: ServerSentEvent = { event: this.eventType || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) event.id = this.id;
    this.eventType = '';
    this.data = [];
    return hasData ? event : undefined;
  }
}
