/**
 * Presence per channel topic, enough for realtime-js's RealtimePresence: `presence_state` on join
 * (`{key: {metas: [...]}}`) and `presence_diff` (`{joins, leaves}`) on track/untrack/leave. Each
 * tracked entry gets a `phx_ref`, a re-track of the same key replaces the channel's previous entry.
 */
import { randomBytes } from 'node:crypto';

export type Meta = Record<string, unknown> & { phx_ref: string };
export type PresenceMap = Record<string, { metas: Meta[] }>;
export interface PresenceDiff {
  joins: PresenceMap;
  leaves: PresenceMap;
}

interface Entry {
  owner: object;
  key: string;
  meta: Meta;
}

export class PresenceRegistry {
  private readonly topics = new Map<string, Entry[]>();

  /** Tracks `owner` (a channel) under `key` on `topic`; returns the diff to fan out. */
  track(topic: string, owner: object, key: string, payload: Record<string, unknown>): PresenceDiff {
    const entries = this.topics.get(topic) ?? [];
    const previous = entries.find((entry) => entry.owner === owner);
    const meta: Meta = { ...payload, phx_ref: randomBytes(9).toString('base64url') };
    const diff: PresenceDiff = { joins: {}, leaves: {} };
    if (previous) {
      meta.phx_ref_prev = previous.meta.phx_ref;
      entries.splice(entries.indexOf(previous), 1);
      diff.leaves[previous.key] = { metas: [previous.meta] };
    }
    entries.push({ owner, key, meta });
    diff.joins[key] = { metas: [meta] };
    this.topics.set(topic, entries);
    return diff;
  }

  /** Removes `owner`'s entry; null when it had none. */
  untrack(topic: string, owner: object): PresenceDiff | null {
    const entries = this.topics.get(topic);
    const entry = entries?.find((candidate) => candidate.owner === owner);
    if (!entries || !entry) return null;
    entries.splice(entries.indexOf(entry), 1);
    if (entries.length === 0) this.topics.delete(topic);
    return { joins: {}, leaves: { [entry.key]: { metas: [entry.meta] } } };
  }

  state(topic: string): PresenceMap {
    const state: PresenceMap = {};
    for (const entry of this.topics.get(topic) ?? []) {
      (state[entry.key] ??= { metas: [] }).metas.push(entry.meta);
    }
    return state;
  }
}
