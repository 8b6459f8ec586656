/**
 * Setup for every jsdom test (vitest.config.ts, project "dom"): the VITE_ variables the SPA
 * reads, a patient wait for async queries, and unmounting what a test rendered (Testing Library
 * only does that by itself when vitest globals are on, which they are not).
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import './test-env';

// A route's first render includes transforming its lazily imported module; on a busy machine
// that alone can exceed Testing Library's default 1 s wait.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => cleanup());

// jsdom tests have no Realtime server (the URL points nowhere): a socket that closes at once, so
// live views fall back to polling (src/lib/live) instead of msw reporting an unhandled request.
class NoRealtimeServer extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'arraybuffer';
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(readonly url: string) {
    super();
    setTimeout(() => this.close(), 0);
  }
  send(): void {}
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
}
vi.stubGlobal('WebSocket', NoRealtimeServer);
