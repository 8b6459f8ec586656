/**
 * One joined channel of one socket (RealtimeWeb.RealtimeChannel): the join (token, private-channel
 * policies, postgres_changes, presence), broadcasts, presence pushes, token refresh and expiry.
 */
import { randomUUID } from 'node:crypto';
import {
  expiredError,
  RealtimeAuthError,
  tokenForApiKey,
  verifyRealtimeToken,
  type VerifiedToken,
} from './auth';
import { mayWrite, readPolicies, type AuthorizationContext, type Extension } from './authorization';
import type { ChangeSubscriber, Subscription } from './changes/dispatcher';
import { changeParamsId, parseChangeParams, SubscriptionError } from './changes/filters';
import { hubKey, type HubMember } from './hub';
import { BROADCAST_MESSAGE, type BroadcastMessage, type Frame, type Vsn } from './protocol';
import type { RealtimeCore } from './core';

/** Realtime's default max_payload_size_in_kb (3000) plus its 500-byte padding. */
const MAX_PAYLOAD_BYTES = 3000 * 1000 + 500;
/** Realtime re-confirms the token at least this often (@confirm_token_ms_interval). */
const CONFIRM_TOKEN_MS = 5 * 60 * 1000;

export interface ChannelSocket {
  readonly vsn: Vsn;
  readonly tenantToken: string;
  readonly headers: Record<string, string>;
  send(data: string | Buffer): void;
  push(frame: Frame): void;
  /** The channel stopped itself (leave, shutdown): forget it. */
  closed(channel: Channel): void;
}

type Reply = { status: 'ok' | 'error'; response: unknown } | null;

interface Policies {
  broadcastRead: boolean;
  presenceRead: boolean;
  broadcastWrite?: boolean;
  presenceWrite?: boolean;
}

export class Channel implements HubMember, ChangeSubscriber {
  readonly subTopic: string;
  hubKey = '';
  private isPrivate = false;
  private selfBroadcast = false;
  private ackBroadcast = false;
  private presenceEnabled = false;
  private presenceKey = '';
  private token!: VerifiedToken;
  private policies: Policies | null = null;
  private subscriptions: Subscription[] = [];
  private tokenTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly topic: string,
    readonly joinRef: string | null,
    private readonly socket: ChannelSocket,
    private readonly core: RealtimeCore,
  ) {
    this.subTopic = topic.slice('realtime:'.length);
  }

  get vsn(): Vsn {
    return this.socket.vsn;
  }
  get canReadBroadcast(): boolean {
    return this.policies === null || this.policies.broadcastRead;
  }
  get canReadPresence(): boolean {
    return this.policies === null || this.policies.presenceRead;
  }
  get role(): string {
    return this.token.role;
  }
  get claims() {
    return this.token.claims;
  }

  send(data: string | Buffer): void {
    if (!this.stopped) this.socket.send(data);
  }

  private pushEvent(event: string, payload: unknown): void {
    if (!this.stopped)
      this.socket.push({ join_ref: this.joinRef, ref: null, topic: this.topic, event, payload });
  }

  deliver(ids: number[], dataJson: string): void {
    if (this.stopped) return;
    const topic = JSON.stringify(this.topic);
    this.socket.send(
      this.vsn === '2.0.0'
        ? `[null,null,${topic},"postgres_changes",{"ids":${JSON.stringify(ids)},"data":${dataJson}}]`
        : `{"topic":${topic},"event":"postgres_changes","payload":{"ids":${JSON.stringify(ids)},"data":${dataJson}},"ref":null,"join_ref":null}`,
    );
  }

  /** phx_join; resolves with the reply. After an ok reply, `afterJoin` sends the follow-ups. */
  async join(payload: Record<string, unknown>): Promise<Reply> {
    if (this.subTopic === '') return error('TopicNameRequired: You must provide a topic name');
    const config = (isObject(payload.config) ? payload.config : {}) as Record<string, unknown>;
    const broadcast = (isObject(config.broadcast) ? config.broadcast : {}) as Record<string, unknown>;
    const presence = (isObject(config.presence) ? config.presence : {}) as Record<string, unknown>;
    this.isPrivate = config.private === true;
    this.selfBroadcast = broadcast.self === true;
    this.ackBroadcast = broadcast.ack === true;
    this.presenceEnabled = presence.enabled === true;
    this.presenceKey = typeof presence.key === 'string' && presence.key !== '' ? presence.key : randomUUID();
    this.hubKey = hubKey(this.isPrivate, this.subTopic);

    const offered = payload.access_token ?? payload.user_token;
    const raw = typeof offered === 'string' && !offered.startsWith('sb_') ? offered : this.socket.tenantToken;
    try {
      this.token = await verifyRealtimeToken(tokenForApiKey(raw, this.core.config), this.core.config);
    } catch (failure) {
      if (failure instanceof RealtimeAuthError) return error(failure.reason);
      throw failure;
    }

    if (this.isPrivate) {
      const denied = await this.evaluateReadPolicies();
      if (denied) return error(denied);
    }
    if (broadcast.replay !== undefined && !this.isPrivate) {
      return error('UnableToReplayMessages: Replay is not allowed for public channels');
    }

    const requested = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
    const echoed: Array<Record<string, unknown>> = [];
    let subscriptionError: string | null = null;
    for (const entry of requested) {
      if (!isObject(entry)) continue;
      const raw = entry as Record<string, unknown>;
      const id = changeParamsId(raw);
      echoed.push({ ...raw, id });
      try {
        this.subscriptions.push({ subscriber: this, id, params: parseChangeParams(raw) });
      } catch (failure) {
        if (!(failure instanceof SubscriptionError)) throw failure;
        subscriptionError ??= failure.message;
      }
    }
    if (!subscriptionError) subscriptionError = await this.core.checkSubscriptions(this.subscriptions);
    if (subscriptionError) this.subscriptions = [];

    this.core.hub.add(this);
    for (const subscription of this.subscriptions) this.core.changes.add(subscription);
    this.scheduleTokenCheck();
    this.afterJoin = () => {
      if (requested.length > 0) {
        this.pushEvent('system', {
          extension: 'postgres_changes',
          status: subscriptionError ? 'error' : 'ok',
          message: subscriptionError ?? 'Subscribed to PostgreSQL',
          channel: this.subTopic,
        });
      }
      if (this.presenceEnabled && this.canReadPresence) {
        this.pushEvent('presence_state', this.core.presence.state(this.hubKey));
      }
    };
    return { status: 'ok', response: { postgres_changes: echoed } };
  }

  afterJoin: () => void = () => {};

  /** An incoming push on this channel; returns the reply to send, if any. */
  async handle(frame: Frame): Promise<Reply> {
    const payload = frame.payload as Record<string, unknown>;
    switch (frame.event) {
      case 'broadcast':
        return this.handleBroadcast(payload);
      case 'presence':
        return this.handlePresence(payload);
      case 'access_token':
        await this.refreshToken(payload.access_token);
        return null;
      default:
        // Realtime logs "Unexpected message from client of type …" and ignores it.
        return null;
    }
  }

  private async handleBroadcast(payload: Record<string, unknown>): Promise<Reply> {
    if (this.isPrivate && !(await this.mayWrite('broadcast'))) return null;
    const carried = (payload as Record<symbol, unknown>)[BROADCAST_MESSAGE] as BroadcastMessage | undefined;
    const message: BroadcastMessage = carried ?? {
      event: typeof payload.event === 'string' ? payload.event : '',
      payload: payload.payload,
    };
    const size = message.binary?.length ?? Buffer.byteLength(JSON.stringify(payload) ?? '');
    if (size > MAX_PAYLOAD_BYTES)
      return this.ackBroadcast ? { status: 'error', response: 'payload_size_exceeded' } : null;
    this.core.hub.broadcast(this.hubKey, message, this.selfBroadcast ? undefined : this);
    return this.ackBroadcast ? { status: 'ok', response: {} } : null;
  }

  private async handlePresence(payload: Record<string, unknown>): Promise<Reply> {
    if (this.isPrivate && !(await this.mayWrite('presence'))) return { status: 'error', response: {} };
    if (payload.event === 'track') {
      if (!isObject(payload.payload)) return error('Presence track payload must be a map');
      if (Buffer.byteLength(JSON.stringify(payload.payload)) > MAX_PAYLOAD_BYTES) {
        await this.shutdown('Track message size exceeded');
        return null;
      }
      if (!this.presenceEnabled) {
        this.presenceEnabled = true;
        if (this.isPrivate && this.policies) {
          this.policies.presenceRead = (
            await readPolicies(this.core.pool, this.authContext(), ['presence'])
          ).presence;
        }
      }
      const diff = this.core.presence.track(
        this.hubKey,
        this,
        this.presenceKey,
        payload.payload as Record<string, unknown>,
      );
      this.core.hub.push(this.hubKey, 'presence_diff', diff);
    } else if (payload.event === 'untrack') {
      this.untrack();
    }
    return { status: 'ok', response: {} };
  }

  private untrack(): void {
    const diff = this.core.presence.untrack(this.hubKey, this);
    if (diff) this.core.hub.push(this.hubKey, 'presence_diff', diff);
  }

  private authContext(): AuthorizationContext {
    return {
      topic: this.subTopic,
      role: this.token.role,
      claims: this.token.claims,
      headers: this.socket.headers,
    };
  }

  /** Null when allowed, else Realtime's refusal. */
  private async evaluateReadPolicies(): Promise<string | null> {
    const denied = `Unauthorized: You do not have permissions to read from this Channel topic: ${this.subTopic}`;
    try {
      const extensions: Extension[] = this.presenceEnabled ? ['broadcast', 'presence'] : ['broadcast'];
      const read = await readPolicies(this.core.pool, this.authContext(), extensions);
      this.policies = { broadcastRead: read.broadcast, presenceRead: read.presence };
      return read.broadcast || read.presence ? null : denied;
    } catch {
      this.policies = { broadcastRead: false, presenceRead: false };
      return denied;
    }
  }

  private async mayWrite(extension: Extension): Promise<boolean> {
    if (!this.policies) return true;
    const key = extension === 'broadcast' ? 'broadcastWrite' : 'presenceWrite';
    if (this.policies[key] === undefined) {
      this.policies[key] = await mayWrite(this.core.pool, this.authContext(), extension).catch(() => false);
    }
    return this.policies[key]!;
  }

  private async refreshToken(offered: unknown): Promise<void> {
    if (typeof offered !== 'string' || offered.startsWith('sb_') || offered === this.token.token) return;
    try {
      this.token = await verifyRealtimeToken(offered, this.core.config);
    } catch (failure) {
      if (failure instanceof RealtimeAuthError) return this.shutdown(failure.bare);
      throw failure;
    }
    if (this.isPrivate) {
      const before = this.policies;
      const denied = await this.evaluateReadPolicies();
      const revoked =
        (before?.broadcastRead && !this.policies?.broadcastRead) ||
        (before?.presenceRead && !this.policies?.presenceRead);
      if (denied || revoked) {
        return this.shutdown(
          `You no longer have permission to read from this Channel topic: ${this.subTopic}`,
        );
      }
    }
    this.scheduleTokenCheck();
  }

  private scheduleTokenCheck(): void {
    clearTimeout(this.tokenTimer);
    const untilExpiry = this.token.exp * 1000 - Date.now();
    this.tokenTimer = setTimeout(
      () => {
        if (this.token.exp * 1000 <= Date.now()) void this.shutdown(expiredError(this.token.exp).bare);
        else this.scheduleTokenCheck();
      },
      Math.max(0, Math.min(CONFIRM_TOKEN_MS, untilExpiry)),
    );
    this.tokenTimer.unref();
  }

  /** Realtime's shutdown_response: a `system` error, then the channel closes. */
  async shutdown(message: string): Promise<void> {
    this.pushEvent('system', { extension: 'system', status: 'error', message, channel: this.subTopic });
    this.close();
  }

  /** Stops the channel and tells the client (phx_close), as a Phoenix channel exiting does. */
  close(): void {
    if (this.stopped) return;
    this.pushEvent('phx_close', {});
    this.dispose();
    this.socket.closed(this);
  }

  /** Forgets the channel without telling the client (the socket is gone). */
  dispose(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.tokenTimer);
    this.core.hub.remove(this);
    this.core.changes.removeSubscriber(this);
    this.untrack();
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function error(reason: string): Reply {
  return { status: 'error', response: { reason } };
}
