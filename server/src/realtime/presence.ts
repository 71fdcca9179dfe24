/**
 * Presence per topic, in memory, shaped like Phoenix.Presence: each key holds the metas of the
 * channels tracking it, every meta tagged with a unique `phx_ref` (and `phx_ref_prev` after an
 * update). Tracking and untracking return the `presence_diff` to broadcast.
 */
import { randomBytes } from 'node:crypto';

export type Meta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
export type PresenceState = Record<string, { metas: Meta[] }>;
export interface PresenceDiff {
  joins: PresenceState;
  leaves: PresenceState;
}

export function newPhxRef(): string {
  return randomBytes(12).toString('base64url');
}

export class PresenceTracker {
  /** topic → key → member (one channel) → its meta, in tracking order. */
  private readonly topics = new Map<string, Map<string, Map<number, Meta>>>();

  constructor(private readonly makeRef: () => string = newPhxRef) {}

  track(topic: string, key: string, member: number, payload: Record<string, unknown>): PresenceDiff {
    let keys = this.topics.get(topic);
    if (!keys) this.topics.set(topic, (keys = new Map()));
    let members = keys.get(key);
    if (!members) keys.set(key, (members = new Map()));
    const previous = members.get(member);
    const meta: Meta = { ...payload, phx_ref: this.makeRef() };
    if (previous) meta.phx_ref_prev = previous.phx_ref;
    members.set(member, meta);
    return {
      joins: { [key]: { metas: [meta] } },
      leaves: previous ? { [key]: { metas: [previous] } } : {},
    };
  }

  untrack(topic: string, key: string, member: number): PresenceDiff | null {
    const keys = this.topics.get(topic);
    const members = keys?.get(key);
    const previous = members?.get(member);
    if (!keys || !members || !previous) return null;
    members.delete(member);
    if (members.size === 0) keys.delete(key);
    if (keys.size === 0) this.topics.delete(topic);
    return { joins: {}, leaves: { [key]: { metas: [previous] } } };
  }

  state(topic: string): PresenceState {
    const out: PresenceState = {};
    for (const [key, members] of this.topics.get(topic) ?? []) out[key] = { metas: [...members.values()] };
    return out;
  }
}
