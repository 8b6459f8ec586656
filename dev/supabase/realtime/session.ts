/**
 * One WebSocket connection (Phoenix.Socket): frames are handled one at a time in arrival order,
 * like the Phoenix socket process does; heartbeats on the `phoenix` topic; an idle connection
 * (no frame for 60 s, Phoenix's default timeout) is closed.
 */
import type { WebSocket } from 'ws';
import { Channel, type ChannelSocket } from './channel';
import type { RealtimeCore } from './core';
import { decodeFrame, encodeFrame, MalformedFrame, type Frame, type Vsn } from './protocol';

const IDLE_TIMEOUT_MS = 60_000;

export class Session implements ChannelSocket {
  private readonly channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly vsn: Vsn,
    readonly tenantToken: string,
    readonly headers: Record<string, string>,
    private readonly core: RealtimeCore,
  ) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.touch();
      this.queue = this.queue.then(() => this.onFrame(data, isBinary));
    });
    ws.on('close', () => {
      clearTimeout(this.idleTimer);
      for (const channel of this.channels.values()) channel.dispose();
      this.channels.clear();
      core.sessions.delete(this);
    });
    ws.on('error', () => {});
    this.touch();
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.ws.terminate(), IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
  }

  send(data: string | Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data);
  }

  push(frame: Frame): void {
    this.send(encodeFrame(frame, this.vsn));
  }

  closed(channel: Channel): void {
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
  }

  close(): void {
    this.ws.close();
  }

  private reply(frame: Frame, status: 'ok' | 'error', response: unknown): void {
    this.push({
      join_ref: frame.join_ref,
      ref: frame.ref,
      topic: frame.topic,
      event: 'phx_reply',
      payload: { status, response },
    });
  }

  private async onFrame(data: Buffer, isBinary: boolean): Promise<void> {
    let frame: Frame;
    try {
      frame = decodeFrame(data, isBinary, this.vsn);
    } catch (error) {
      // Realtime logs MalformedWebSocketMessage and keeps the connection (RealtimeWeb.Socket).
      if (error instanceof MalformedFrame) return;
      throw error;
    }
    try {
      await this.route(frame);
    } catch (error) {
      this.core.config.log(`[realtime] error handling ${frame.event} on ${frame.topic}: ${String(error)}`);
      const channel = this.channels.get(frame.topic);
      if (frame.event === 'phx_join')
        this.reply(frame, 'error', { reason: 'UnknownErrorOnChannel: Unknown Error on Channel' });
      else if (channel) {
        // A crashed channel: Phoenix pushes phx_error and the client rejoins.
        channel.dispose();
        this.channels.delete(frame.topic);
        this.push({
          join_ref: channel.joinRef,
          ref: channel.joinRef,
          topic: frame.topic,
          event: 'phx_error',
          payload: {},
        });
      }
    }
  }

  private async route(frame: Frame): Promise<void> {
    if (frame.topic === 'phoenix' && frame.event === 'heartbeat') {
      this.reply(frame, 'ok', {});
      return;
    }
    const existing = this.channels.get(frame.topic);
    if (frame.event === 'phx_join') {
      if (!frame.topic.startsWith('realtime:')) {
        this.reply(frame, 'error', { reason: 'unmatched topic' });
        return;
      }
      // A second join of a joined topic replaces the first, as Phoenix does (the old one closes).
      existing?.close();
      const channel = new Channel(frame.topic, frame.join_ref, this, this.core);
      this.channels.set(frame.topic, channel);
      const result = await channel.join(frame.payload as Record<string, unknown>);
      if (!result || result.status === 'error') {
        channel.dispose();
        this.closed(channel);
      }
      if (result) this.reply(frame, result.status, result.response);
      if (result?.status === 'ok') channel.afterJoin();
      return;
    }
    if (!existing || (frame.join_ref !== null && frame.join_ref !== existing.joinRef)) {
      // Phoenix answers pushes to topics this socket has not joined with "unmatched topic".
      this.reply(frame, 'error', { reason: 'unmatched topic' });
      return;
    }
    if (frame.event === 'phx_leave') {
      this.reply(frame, 'ok', {});
      existing.close();
      return;
    }
    const result = await existing.handle(frame);
    if (result) this.reply(frame, result.status, result.response);
  }
}
