/**
 * Coalesces a step's streamed text into a few events per second (never one row per token): the
 * first text is handed out at once (the first token shows without delay), then what accumulates
 * at most once per `intervalMs`.
 */
export class DeltaBuffer {
  private pending = '';
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly intervalMs: number) {}

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
