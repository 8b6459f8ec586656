/**
 * Who is subscribed to which channel topic. Public and private channels of the same name are
 * different topics, as in Realtime (Tenants.tenant_topic). A broadcast is encoded once per
 * serializer and written to every member allowed to read it.
 */
import { encodeBroadcast, encodeFrame, type BroadcastMessage, type Frame, type Vsn } from './protocol';

export interface HubMember {
  readonly hubKey: string;
  readonly topic: string;
  readonly vsn: Vsn;
  /** Broadcast read permission (always true on public channels). */
  readonly canReadBroadcast: boolean;
  readonly canReadPresence: boolean;
  send(data: string | Buffer): void;
}

export function hubKey(isPrivate: boolean, subTopic: string): string {
  return `${isPrivate ? 'private' : 'public'}:${subTopic}`;
}

export class Hub {
  private readonly members = new Map<string, Set<HubMember>>();

  add(member: HubMember): void {
    let set = this.members.get(member.hubKey);
    if (!set) this.members.set(member.hubKey, (set = new Set()));
    set.add(member);
  }

  remove(member: HubMember): void {
    const set = this.members.get(member.hubKey);
    set?.delete(member);
    if (set?.size === 0) this.members.delete(member.hubKey);
  }

  count(key: string): number {
    return this.members.get(key)?.size ?? 0;
  }

  broadcast(key: string, message: BroadcastMessage, except?: HubMember): void {
    const set = this.members.get(key);
    if (!set) return;
    const encoded = new Map<Vsn, string | Buffer | null>();
    for (const member of set) {
      if (member === except || !member.canReadBroadcast) continue;
      let data = encoded.get(member.vsn);
      if (data === undefined) {
        data = encodeBroadcast(member.topic, message, member.vsn);
        encoded.set(member.vsn, data);
      }
      if (data !== null) member.send(data);
    }
  }

  /** A server push (presence_diff) to every member that may read presence. */
  push(key: string, event: string, payload: unknown): void {
    const set = this.members.get(key);
    if (!set) return;
    const encoded = new Map<Vsn, string>();
    for (const member of set) {
      if (!member.canReadPresence) continue;
      let data = encoded.get(member.vsn);
      if (data === undefined) {
        const frame: Frame = { join_ref: null, ref: null, topic: member.topic, event, payload };
        data = encodeFrame(frame, member.vsn);
        encoded.set(member.vsn, data);
      }
      member.send(data);
    }
  }
}
