/**
 * The gateway's `text/event-stream` writer: named events with JSON data. Writes after the client
 * went away are dropped, and the writer says so, because the gateway keeps working (draining the
 * provider to meter exactly) after the caller is gone.
 */
import type { LlmStreamEvents } from '../../../src/shared/llm-contract';

export const sseHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // Proxies (nginx and friends) must not buffer the stream.
  'x-accel-buffering': 'no',
} as const;

export class SseWriter {
  readonly body: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private readonly encoder = new TextEncoder();
  private gone = false;
  private closed = false;

  constructor(private readonly onClientGone: () => void) {
    this.body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      cancel: () => this.markGone(),
    });
  }

  get clientGone(): boolean {
    return this.gone;
  }

  markGone(): void {
    if (this.gone) return;
    this.gone = true;
    this.onClientGone();
  }

  send<E extends keyof LlmStreamEvents>(event: E, data: LlmStreamEvents[E]): void {
    if (this.gone || this.closed || !this.controller) return;
    try {
      this.controller.enqueue(this.encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    } catch {
      this.markGone();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Also when the caller stopped by request rather than by leaving: end the body it may still read.
    try {
      this.controller?.close();
    } catch {
      // Already cancelled by the client.
    }
  }
}
