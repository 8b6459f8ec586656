/**
 * A server-sent-events decoder for a provider's raw response body (the WHATWG event-stream
 * format): bytes in, whole events out, one synchronous pass per network read. The OpenAI-format
 * adapter reads its stream through it instead of the SDK's layered async iterators (ADR 0091).
 *
 * Lines end in LF, CRLF or CR; a blank line ends an event; `data:` lines join with LF; a leading
 * space after the colon is dropped; comments (`:`) and unknown fields are ignored; an event split
 * across reads, even inside a UTF-8 sequence or between CR and LF, is completed by the next read.
 */

export interface SseMessage {
  /** The `event:` field, when the server named the event. */
  event: string | undefined;
  data: string;
}

export class SseDecoder {
  private readonly text = new TextDecoder();
  private pending = '';
  private data: string[] = [];
  private event: string | undefined;
  /** The last read ended in CR: an LF starting the next one belongs to that line end. */
  private afterCr = false;

  /** The events that `bytes` completed, in order. */
  push(bytes: Uint8Array): SseMessage[] {
    return this.lines(this.text.decode(bytes, { stream: true }));
  }

  /** The events left when the body ended (a last event without its blank line is dispatched). */
  end(): SseMessage[] {
    const out = this.lines(this.text.decode());
    if (this.pending !== '') this.field(this.pending, out);
    this.pending = '';
    this.dispatch(out);
    return out;
  }

  private lines(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    let text = this.pending + chunk;
    if (this.afterCr && text.startsWith('\n')) text = text.slice(1);
    this.afterCr = false;
    let start = 0;
    for (;;) {
      const lf = text.indexOf('\n', start);
      const cr = text.indexOf('\r', start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (end === -1) break;
      this.field(text.slice(start, end), out);
      if (text.charCodeAt(end) === 13) {
        if (end + 1 === text.length) this.afterCr = true;
        else if (text.charCodeAt(end + 1) === 10) {
          start = end + 2;
          continue;
        }
      }
      start = end + 1;
    }
    this.pending = start === 0 ? text : text.slice(start);
    return out;
  }

  private field(line: string, out: SseMessage[]): void {
    if (line === '') return this.dispatch(out);
    if (line.charCodeAt(0) === 58) return; // a comment (":"), e.g. a keep-alive
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (name === 'data') this.data.push(value);
    else if (name === 'event') this.event = value;
  }

  private dispatch(out: SseMessage[]): void {
    if (this.data.length > 0) {
      out.push({ event: this.event, data: this.data.length === 1 ? this.data[0]! : this.data.join('\n') });
    }
    this.data = [];
    this.event = undefined;
  }
}
