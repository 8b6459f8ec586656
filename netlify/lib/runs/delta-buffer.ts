/**
 * Coalesces a step's streamed text into a few events per second (never one row per token): text
 * accumulates and is handed out at most once per `intervalMs`.
 */
export class DeltaBuffer {
  private pending = '';
  private lastFlushAt: number;

  constructor(
    private readonly intervalMs: number,
    startedAt: number,
  ) {
    this.lastFlushAt = startedAt;
  }

  push(text: string): void {
    this.pending += text;
  }

  /** The text to write now, if a flush is due and there is any; undefined otherwise. */
  take(now: number): string | undefined {
    if (this.pending === '' || now - this.lastFlushAt < this.intervalMs) return undefined;
    const text = this.pending;
    this.pending = '';
    this.lastFlushAt = now;
    return text;
  }
}
