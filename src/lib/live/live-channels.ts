/**
 * Realtime subscriptions, shared: every view that watches the same rows (the same schema, table,
 * filter and event) or the same private broadcast topic rides one channel, so the server checks
 * RLS once per change for this browser, and a change delivered twice (a rejoin overlapping the
 * old join) is handed on once. Each source reports whether it is live; a channel the server
 * closed (expired token, a restart) is opened again with Realtime's back-off.
 */
import type { RealtimeChannel, RealtimeClient, RealtimePostgresChangesPayload } from '@supabase/realtime-js';
import { supabase } from '../supabase';

export type LiveEvent = '*' | 'INSERT' | 'UPDATE' | 'DELETE';

/** The rows a view shows, as a postgres_changes subscription (the table must be published). */
export interface LiveTableSource {
  schema?: string;
  table: string;
  /** Realtime filter, e.g. `user_id=eq.<uuid>`; RLS applies on top of it. */
  filter?: string;
  event?: LiveEvent;
}

/**
 * A private broadcast topic (e.g. `run:<id>`, fed by realtime.broadcast_changes from a trigger;
 * ADR 0028): joining is authorised by the SELECT policies on realtime.messages.
 */
export interface LiveTopicSource {
  topic: string;
}

export type LiveSource = LiveTableSource | LiveTopicSource;

/** `connecting` before the first join, `live` while joined, `reconnecting` after losing it. */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

export type LiveChange =
  | RealtimePostgresChangesPayload<Record<string, unknown>>
  | { type: 'broadcast'; event: string; payload: Record<string, unknown> };

export interface LiveListener {
  onChange(change: LiveChange): void;
  /** The source is live again after a gap: changes in between were missed, fetch again. */
  onResumed(): void;
  onState(state: LiveState): void;
}

interface Entry {
  source: LiveSource;
  channel: RealtimeChannel | null;
  listeners: Set<LiveListener>;
  state: LiveState;
  wasLive: boolean;
  recent: string[];
  retry: ReturnType<typeof setTimeout> | undefined;
  attempts: number;
}

const REOPEN_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];
const RECENT_CHANGES = 200;

const entries = new Map<string, Entry>();
const stateListeners = new Set<() => void>();

export function sourceKey(source: LiveSource): string {
  if ('topic' in source) return `topic:${source.topic}`;
  return `${source.schema ?? 'public'}.${source.table}:${source.event ?? '*'}:${source.filter ?? ''}`;
}

function changeKey(change: LiveChange): string {
  if (!('eventType' in change)) return `${change.event}|${JSON.stringify(change.payload)}`;
  const row = change.eventType === 'DELETE' ? change.old : change.new;
  return `${change.commit_timestamp}|${change.eventType}|${JSON.stringify(row)}`;
}

function setState(entry: Entry, state: LiveState): void {
  if (entry.state === state) return;
  const resumed = state === 'live' && entry.wasLive;
  entry.state = state;
  if (state === 'live') {
    entry.wasLive = true;
    entry.attempts = 0;
  }
  for (const listener of entry.listeners) {
    listener.onState(state);
    if (resumed) listener.onResumed();
  }
  for (const notify of stateListeners) notify();
}

function open(key: string, entry: Entry): void {
  // Realtime loads on the first subscription (ADR 0085); the view reads its rows meanwhile.
  supabase.realtime().then(
    (realtime) => {
      // Left while realtime-js loaded: nothing to join.
      if (entries.get(key) === entry && entry.listeners.size > 0) join(realtime, key, entry);
    },
    () => {
      // realtime-js did not arrive (offline, a new deploy replaced the chunk): try again later.
      if (entries.get(key) === entry) scheduleReopen(key, entry);
    },
  );
}

function join(realtime: RealtimeClient, key: string, entry: Entry): void {
  const { source } = entry;
  const deliver = (change: LiveChange) => {
    const id = changeKey(change);
    if (entry.recent.includes(id)) return;
    entry.recent.push(id);
    if (entry.recent.length > RECENT_CHANGES) entry.recent.shift();
    for (const listener of entry.listeners) listener.onChange(change);
  };
  const channel =
    'topic' in source
      ? realtime
          .channel(source.topic, { config: { private: true } })
          .on('broadcast', { event: '*' }, deliver as never)
      : realtime.channel(`live:${key}`).on(
          'postgres_changes' as never,
          {
            event: source.event ?? '*',
            schema: source.schema ?? 'public',
            table: source.table,
            filter: source.filter,
          },
          deliver,
        );
  entry.channel = channel;
  channel
    .on('system', {}, (message: { extension?: string; status?: string }) => {
      // The subscription itself failed (e.g. the table is not published): not live.
      if (message.extension === 'postgres_changes' && message.status === 'error')
        setState(entry, 'reconnecting');
    })
    .subscribe((status) => {
      if (entries.get(key) !== entry || entry.channel !== channel) return;
      if (status === 'SUBSCRIBED') setState(entry, 'live');
      else if (status === 'CLOSED') {
        // Closed by the server (realtime-js only rejoins after errors): open a new channel.
        setState(entry, entry.wasLive ? 'reconnecting' : 'connecting');
        scheduleReopen(key, entry);
      } else setState(entry, entry.wasLive ? 'reconnecting' : 'connecting');
    });
}

function scheduleReopen(key: string, entry: Entry): void {
  const old = entry.channel;
  entry.channel = null;
  if (old) void supabase.removeChannel(old);
  clearTimeout(entry.retry);
  const delay = REOPEN_DELAYS_MS[Math.min(entry.attempts++, REOPEN_DELAYS_MS.length - 1)];
  entry.retry = setTimeout(() => {
    if (entries.get(key) === entry && entry.listeners.size > 0) open(key, entry);
  }, delay);
}

/** Starts (or joins) the subscription for `source`; the returned function leaves it. */
export function watchSource(source: LiveSource, listener: LiveListener): () => void {
  const key = sourceKey(source);
  let entry = entries.get(key);
  if (!entry) {
    entry = {
      source,
      channel: null,
      listeners: new Set(),
      state: 'connecting',
      wasLive: false,
      recent: [],
      retry: undefined,
      attempts: 0,
    };
    entries.set(key, entry);
    open(key, entry);
  }
  entry.listeners.add(listener);
  listener.onState(entry.state);
  const joined = entry;
  return () => {
    joined.listeners.delete(listener);
    if (joined.listeners.size > 0) return;
    entries.delete(key);
    clearTimeout(joined.retry);
    if (joined.channel) void supabase.removeChannel(joined.channel);
    for (const notify of stateListeners) notify();
  };
}

/** The page's live connection as one word: any watched source reconnecting makes it `reconnecting`. */
export function liveConnectionState(): 'idle' | LiveState {
  if (entries.size === 0) return 'idle';
  const states = [...entries.values()].map((entry) => entry.state);
  if (states.includes('reconnecting')) return 'reconnecting';
  return states.includes('connecting') ? 'connecting' : 'live';
}

export function subscribeLiveConnection(notify: () => void): () => void {
  stateListeners.add(notify);
  return () => stateListeners.delete(notify);
}
