// Live updates: every screen follows the rows it shows over Supabase Realtime (Postgres Changes,
// RLS-checked per subscriber) and feeds them into the TanStack Query cache — rows set in place when
// the change carries them, queries refetched otherwise. After any gap (socket rejoined, network
// back, hidden tab resumed) the screen's queries are refetched, since what changed meanwhile is
// unknown. A screen's subscription ends with the screen. The open document also carries presence:
// who is in it and which row each person is editing.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { RealtimeChannel, RealtimePostgresChangesPayload } from '@supabase/supabase-js';
import { z } from 'zod/mini';
import { supabase } from './client.ts';
import { documentKeys, myWorkKeys, notificationKeys, reviewKeys, searchKeys } from './keys.ts';
import { annotationSchema, type Annotation } from './annotations.ts';
import { setTranslationInCache } from './paragraphs.ts';
import { replySchema, type Reply } from './threads.ts';
import { translationSchema } from './translations.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'paused';

type Row = Record<string, unknown>;
type Change = RealtimePostgresChangesPayload<Row>;
const newOf = (change: Change): Row => change.new as Row;
/** A deleted row's key (RLS on: Realtime sends nothing else of it). */
const oldOf = (change: Change): Row => change.old as Row;

interface Binding {
  event: '*' | 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  filter?: string;
  apply: (change: Change) => void;
}

/** What a screen listens to. */
export interface LiveSpec {
  /** The channel's topic; screens asking for the same topic share one channel. */
  topic: string;
  bindings: (queryClient: QueryClient, refresh: Refresher) => Binding[];
  /** The queries to refetch after a gap. */
  refetch: QueryKey[];
  /** How long changes are gathered before the queries they make stale are refetched. */
  coalesceMs?: number;
  presence?: { key: string };
}

/** A hidden tab keeps listening this long, then pauses until it is shown again. */
export const HIDDEN_PAUSE_MS = 60_000;
/** Presence changes closer together than this are shown at once. */
const PRESENCE_SETTLE_MS = 50;
/** A screen closing and reopening within this time (a remount, a quick back-and-forth) keeps its channel. */
const RELEASE_GRACE_MS = 1_000;

/**
 * Gathers the query keys changes make stale and refetches them together after `delayMs`: twenty
 * saves a second cost one refetch, not twenty.
 */
export class Refresher {
  private keys = new Map<string, QueryKey>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly delayMs: number,
  ) {}

  stale(...keys: QueryKey[]): void {
    for (const key of keys) this.keys.set(JSON.stringify(key), key);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const keys = [...this.keys.values()];
    this.keys.clear();
    for (const queryKey of keys) void this.queryClient.invalidateQueries({ queryKey });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.keys.clear();
  }
}

/** One peer in a document: a browser tab of someone else. */
export interface Peer {
  /** The tab's presence key. */
  key: string;
  userId: string;
  name: string;
  /** The row they are editing, if any. */
  paragraphId: string | null;
  /** That row's number. */
  position: number | null;
}

const presenceMetaSchema = z.object({
  user_id: z.string(),
  name: z.string(),
  paragraph_id: z.nullish(z.string()),
  position: z.nullish(z.int()),
});

/** The peers in a presence state, without `selfUserId`'s own tabs, sorted by name. */
export function peersOf(state: Record<string, unknown[]>, selfUserId: string): Peer[] {
  const peers: Peer[] = [];
  for (const [key, metas] of Object.entries(state)) {
    // A tab that re-tracked has its newest meta last.
    const meta = presenceMetaSchema.safeParse(metas.at(-1));
    if (!meta.success || meta.data.user_id === selfUserId) continue;
    peers.push({ key, userId: meta.data.user_id, name: meta.data.name, paragraphId: meta.data.paragraph_id ?? null, position: meta.data.position ?? null });
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

type Listener = () => void;

/** One Realtime channel for a screen, restarted after a pause, refetching after every gap. */
class LiveChannel {
  status: LiveStatus = 'connecting';
  peers: Peer[] = [];
  private channel: RealtimeChannel | null = null;
  private joined = false;
  private startedAt = 0;
  private here: Row | null = null;
  /** The channel this tab's presence was last sent on. */
  private tracked: RealtimeChannel | null = null;
  private peersTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly refresher: Refresher;
  private hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unwatch: () => void;
  /** Resolves once a previous channel of this topic is gone (supabase-js hands out one channel per topic). */
  private removing: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly spec: LiveSpec,
    private readonly queryClient: QueryClient,
    private readonly selfUserId: string,
  ) {
    this.refresher = new Refresher(queryClient, spec.coalesceMs ?? 250);
    this.unwatch = this.watchPage();
    this.start();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Publishes where this tab is (presence channels only). */
  track(meta: Row): void {
    this.here = meta;
    if (this.channel && this.status === 'live') void this.publish(this.channel, true);
  }

  /**
   * Sends where this tab is. Moving is a leave and a join: realtime-js loses the refs of a key's
   * earlier metas when the same key is tracked again, and others would keep seeing it after it left.
   */
  private async publish(channel: RealtimeChannel, moved: boolean): Promise<void> {
    const meta = this.here;
    if (!meta) return;
    if (moved && this.tracked === channel) await channel.untrack();
    if (this.channel !== channel || this.here !== meta) return;
    this.tracked = channel;
    await channel.track(meta);
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    this.unwatch();
    this.refresher.dispose();
    clearTimeout(this.hiddenTimer);
    return this.close();
  }

  private start(): void {
    if (this.stopped || this.channel) return;
    const spec = this.spec;
    const waitFor = this.removing;
    this.setStatus(this.joined ? 'reconnecting' : 'connecting');
    void waitFor.then(() => {
      if (this.stopped || this.channel) return;
      this.startedAt = Date.now();
      const channel = supabase.channel(spec.topic, spec.presence ? { config: { presence: { key: spec.presence.key } } } : undefined);
      this.channel = channel;
      for (const b of spec.bindings(this.queryClient, this.refresher)) {
        channel.on('postgres_changes', { event: b.event, schema: 'public', table: b.table, ...(b.filter ? { filter: b.filter } : {}) }, (change: Change) => {
          if (this.channel === channel) b.apply(change);
        });
      }
      if (spec.presence) {
        // A move arrives as a leave and a join: read the state once both are in.
        channel.on('presence', { event: 'sync' }, () => {
          clearTimeout(this.peersTimer);
          this.peersTimer = setTimeout(() => {
            if (this.channel !== channel) return;
            this.peers = peersOf(channel.presenceState() as Record<string, unknown[]>, this.selfUserId);
            this.emit();
          }, PRESENCE_SETTLE_MS);
        });
      }
      channel.subscribe((state) => {
        if (this.channel !== channel) return;
        if (state === 'SUBSCRIBED') {
          // First join: refetch only what was read before the subscription could hear changes.
          // A rejoin: anything may have changed while the socket was down.
          this.refetch(this.joined ? Infinity : this.startedAt);
          this.joined = true;
          this.setStatus('live');
          void this.publish(channel, false);
        } else if (state === 'CHANNEL_ERROR' || state === 'TIMED_OUT' || state === 'CLOSED') {
          // realtime-js rejoins by itself once the socket is back.
          this.setStatus('reconnecting');
        }
      });
    });
  }

  private close(): Promise<unknown> {
    const channel = this.channel;
    this.channel = null;
    this.tracked = null;
    clearTimeout(this.peersTimer);
    if (this.peers.length) {
      this.peers = [];
      this.emit();
    }
    if (!channel) return this.removing;
    this.removing = supabase.removeChannel(channel).catch(() => undefined);
    return this.removing;
  }

  /** Refetches the screen's queries whose data is older than `before` (ms since epoch). */
  private refetch(before: number): void {
    for (const queryKey of this.spec.refetch) {
      void this.queryClient.invalidateQueries({ queryKey, predicate: (q) => q.state.dataUpdatedAt < before });
    }
  }

  private watchPage(): () => void {
    if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
    const onVisibility = () => {
      clearTimeout(this.hiddenTimer);
      if (document.visibilityState === 'hidden') {
        this.hiddenTimer = setTimeout(() => {
          void this.close();
          this.setStatus('paused');
        }, HIDDEN_PAUSE_MS);
      } else if (!this.channel) {
        this.start();
      }
    };
    // The socket may have outlived the outage or not; either way requests failed meanwhile.
    const onOnline = () => this.refetch(Infinity);
    const onOffline = () => this.setStatus('reconnecting');
    // Leaving the page may keep it (and its socket) alive in the back/forward cache: leave the
    // channel, so nobody sees this tab in the document any more; come back if the page is restored.
    const onPageHide = () => {
      void this.close();
      // A kept page's socket stays open otherwise, and with it this tab's place in others' lists.
      supabase.realtime.disconnect();
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      supabase.realtime.connect();
      this.start();
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    };
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

interface Entry {
  live: LiveChannel;
  users: number;
  release: ReturnType<typeof setTimeout> | undefined;
}

const open = new Map<string, Entry>();

/** Starts (or joins) the channel of `spec` until the returned function is called. */
export function acquireLive(spec: LiveSpec, queryClient: QueryClient, selfUserId: string): { live: LiveChannel; release: () => void } {
  let entry = open.get(spec.topic);
  if (!entry) {
    entry = { live: new LiveChannel(spec, queryClient, selfUserId), users: 0, release: undefined };
    open.set(spec.topic, entry);
  }
  const e = entry;
  clearTimeout(e.release);
  e.users++;
  let released = false;
  return {
    live: e.live,
    release: () => {
      if (released) return;
      released = true;
      if (--e.users > 0) return;
      e.release = setTimeout(() => {
        if (e.users > 0 || open.get(spec.topic) !== e) return;
        open.delete(spec.topic);
        void e.live.stop();
      }, RELEASE_GRACE_MS);
    },
  };
}

/** Stops every live channel at once (sign-out). */
export async function stopAllLive(): Promise<void> {
  const entries = [...open.values()];
  open.clear();
  await Promise.all(entries.map((e) => (clearTimeout(e.release), e.live.stop())));
}

function useLiveChannel(spec: LiveSpec | null, selfUserId: string): LiveChannel | null {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveChannel | null>(null);
  const topic = spec?.topic ?? null;
  useEffect(() => {
    if (!spec) return;
    const { live: channel, release } = acquireLive(spec, queryClient, selfUserId);
    setLive(channel);
    return () => {
      setLive(null);
      release();
    };
    // The topic names everything the spec depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [topic, queryClient, selfUserId]);
  return live;
}

const NO_PEERS: Peer[] = [];
const noop = () => () => {};

function useLiveState(live: LiveChannel | null): { status: LiveStatus; peers: Peer[] } {
  const status = useSyncExternalStore(live ? (cb) => live.subscribe(cb) : noop, () => live?.status ?? 'connecting');
  const peers = useSyncExternalStore(live ? (cb) => live.subscribe(cb) : noop, () => live?.peers ?? NO_PEERS);
  return { status, peers };
}

// ---- cache updates --------------------------------------------------------------------------

function sortByCreated<T extends { created_at: string; id: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Puts `row` into a cached list by id (newer versions only, when the rows carry one). */
export function upsertById<T extends { id: string; created_at: string; version?: number }>(list: T[] | undefined, row: T): T[] | undefined {
  if (!list) return list;
  const index = list.findIndex((r) => r.id === row.id);
  if (index < 0) return sortByCreated([...list, row]);
  const current = list[index]!;
  if (current.version !== undefined && row.version !== undefined && current.version > row.version) return list;
  const next = list.slice();
  next[index] = row;
  return next;
}

/**
 * My note or reply shown while its insert was on the way (`pending-…`) gives way to the stored
 * row when that arrives first: `isCopy` tells the stored row's pending copy.
 */
function withoutPendingCopy<T extends { id: string }>(list: T[] | undefined, isCopy: (row: T) => boolean): T[] | undefined {
  if (!list) return list;
  const pending = list.findIndex((row) => row.id.startsWith('pending-') && isCopy(row));
  return pending < 0 ? list : [...list.slice(0, pending), ...list.slice(pending + 1)];
}

export function removeById<T extends { id: string }>(list: T[] | undefined, id: unknown): T[] | undefined {
  if (!list || typeof id !== 'string' || !list.some((r) => r.id === id)) return list;
  return list.filter((r) => r.id !== id);
}

function cachedIds(queryClient: QueryClient, key: QueryKey): Set<string> {
  const list = queryClient.getQueryData<{ id: string }[]>(key);
  return new Set((list ?? []).map((r) => r.id));
}

/** What the open document listens to: its rows, notes, replies, decisions and counters. */
export function documentLiveSpec(documentId: string, projectId: string, presenceKey: string): LiveSpec {
  const inDocument = `document_id=eq.${documentId}`;
  return {
    topic: `document:${documentId}`,
    presence: { key: presenceKey },
    refetch: [documentKeys.scope(documentId)],
    bindings: (queryClient, refresh) => {
      let notesCounted: number | null = null;
      const annotationsKey = documentKeys.annotations(documentId);
      const repliesKey = documentKeys.replies(documentId);
      return [
        {
          event: 'UPDATE',
          table: 'translations',
          filter: inDocument,
          apply: (change) => {
            const row = translationSchema.safeParse(newOf(change));
            if (row.success) setTranslationInCache(queryClient, documentId, row.data);
            else refresh.stale(documentKeys.paragraphs(documentId));
            refresh.stale(documentKeys.histories(documentId), myWorkKeys.all, searchKeys.all, reviewKeys.all);
          },
        },
        {
          event: 'INSERT',
          table: 'annotations',
          filter: inDocument,
          apply: (change) => applyNote(newOf(change)),
        },
        {
          event: 'UPDATE',
          table: 'annotations',
          filter: inDocument,
          apply: (change) => applyNote(newOf(change)),
        },
        // Deletions carry only the key and cannot be filtered by document: look the id up.
        {
          event: 'DELETE',
          table: 'annotations',
          apply: (change) => {
            if (!cachedIds(queryClient, annotationsKey).has(String(oldOf(change).id))) return;
            queryClient.setQueryData<Annotation[]>(annotationsKey, (list) => removeById(list, oldOf(change).id));
            refresh.stale(reviewKeys.all, myWorkKeys.all, searchKeys.all);
          },
        },
        {
          event: 'INSERT',
          table: 'annotation_replies',
          filter: inDocument,
          apply: (change) => applyReply(newOf(change)),
        },
        {
          event: 'UPDATE',
          table: 'annotation_replies',
          filter: inDocument,
          apply: (change) => applyReply(newOf(change)),
        },
        {
          event: 'DELETE',
          table: 'annotation_replies',
          apply: (change) => {
            if (cachedIds(queryClient, repliesKey).has(String(oldOf(change).id))) queryClient.setQueryData<Reply[]>(repliesKey, (list) => removeById(list, oldOf(change).id));
          },
        },
        ...(projectId
          ? [
              {
                event: 'INSERT' as const,
                table: 'review_events',
                filter: `project_id=eq.${projectId}`,
                apply: () => refresh.stale(documentKeys.decisions(documentId), documentKeys.histories(documentId), reviewKeys.all),
              },
            ]
          : []),
        {
          event: '*',
          table: 'document_stats',
          filter: inDocument,
          apply: (change) => {
            refresh.stale(documentKeys.progress(documentId), documentKeys.progressLists(), documentKeys.libraryPages());
            // A note leaving someone's sight (back to draft) sends them no change of its own; the counters do.
            const counted = Number(newOf(change).notes_submitted ?? 0) + Number(newOf(change).notes_approved ?? 0);
            if (notesCounted !== null && counted !== notesCounted) refresh.stale(annotationsKey);
            notesCounted = counted;
          },
        },
      ];

      function applyNote(record: Row) {
        const note = annotationSchema.safeParse(record);
        if (note.success) {
          const n = note.data;
          const isCopy = (a: Annotation) => a.paragraph_id === n.paragraph_id && a.author_id === n.author_id && (a.body_text ?? '') === (n.body_text ?? '');
          queryClient.setQueryData<Annotation[]>(annotationsKey, (list) => upsertById(withoutPendingCopy(list, isCopy), n));
        } else refresh.stale(annotationsKey);
        refresh.stale(reviewKeys.all, myWorkKeys.all, searchKeys.all);
      }

      function applyReply(record: Row) {
        const reply = replySchema.safeParse(record);
        if (reply.success) {
          const n = reply.data;
          const isCopy = (r: Reply) => r.annotation_id === n.annotation_id && r.author_id === n.author_id && r.body_text === n.body_text;
          queryClient.setQueryData<Reply[]>(repliesKey, (list) => upsertById(withoutPendingCopy(list, isCopy), n));
        } else refresh.stale(repliesKey);
      }
    },
  };
}

/**
 * The review queue (its list and the header's count): rows and notes waiting for review change it,
 * and so does every decision and every change of a document's counters (an item entering or leaving
 * the queue moves them). Autosaves of drafts do not reach it.
 */
export function reviewLiveSpec(userId: string): LiveSpec {
  return {
    topic: `review:${userId}`,
    refetch: [reviewKeys.all],
    coalesceMs: 500,
    bindings: (_queryClient, refresh) =>
      (
        [
          { event: 'UPDATE', table: 'translations', filter: 'status=eq.translated' },
          { event: '*', table: 'annotations', filter: 'status=eq.submitted' },
          { event: 'INSERT', table: 'review_events' },
          { event: '*', table: 'document_stats' },
        ] as const
      ).map((b) => ({ ...b, apply: () => refresh.stale(reviewKeys.all) })),
  };
}

/** The library: counters of every document in the user's projects (RLS keeps it to their projects). */
export function libraryLiveSpec(userId: string): LiveSpec {
  const keys = [documentKeys.progressLists(), documentKeys.libraryPages(), documentKeys.lists()];
  return {
    topic: `library:${userId}`,
    refetch: keys,
    coalesceMs: 500,
    bindings: (_queryClient, refresh) => [{ event: '*', table: 'document_stats', apply: () => refresh.stale(...keys) }],
  };
}

/** The user's notifications (the badge and the panel). */
export function notificationsLiveSpec(userId: string): LiveSpec {
  return {
    topic: `notifications:${userId}`,
    refetch: [notificationKeys.all],
    coalesceMs: 100,
    bindings: (_queryClient, refresh) => [
      { event: '*', table: 'notifications', filter: `user_id=eq.${userId}`, apply: () => refresh.stale(notificationKeys.all) },
    ],
  };
}

// ---- React bindings -------------------------------------------------------------------------

const tabKey = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export interface DocumentLive {
  status: LiveStatus;
  /** Everyone else in the document. */
  peers: Peer[];
  /** Others editing each row, by paragraph id. */
  peersByParagraph: Map<string, Peer[]>;
}

/**
 * Follows an open document until the screen closes, and publishes where the user is: `here` is the
 * row they are editing (null: none), shown to others by name.
 */
export function useDocumentLive(
  documentId: string,
  projectId: string,
  self: { id: string; name: string },
  here: { paragraphId: string; position: number } | null,
): DocumentLive {
  const spec = useMemo(
    () => (projectId ? documentLiveSpec(documentId, projectId, `${self.id}:${tabKey}`) : null),
    [documentId, projectId, self.id],
  );
  const live = useLiveChannel(spec, self.id);
  const { status, peers } = useLiveState(live);
  const hereId = here?.paragraphId ?? null;
  const herePosition = here?.position ?? null;
  useEffect(() => {
    live?.track({ user_id: self.id, name: self.name, paragraph_id: hereId, position: herePosition });
  }, [live, self.id, self.name, hereId, herePosition]);
  const peersByParagraph = useMemo(() => {
    const map = new Map<string, Peer[]>();
    for (const p of peers) {
      if (!p.paragraphId) continue;
      const list = map.get(p.paragraphId);
      if (list) list.push(p);
      else map.set(p.paragraphId, [p]);
    }
    return map;
  }, [peers]);
  return { status, peers, peersByParagraph };
}

export function useReviewLive(userId: string, enabled = true): LiveStatus {
  const spec = useMemo(() => (enabled ? reviewLiveSpec(userId) : null), [userId, enabled]);
  return useLiveState(useLiveChannel(spec, userId)).status;
}

export function useLibraryLive(userId: string): LiveStatus {
  const spec = useMemo(() => libraryLiveSpec(userId), [userId]);
  return useLiveState(useLiveChannel(spec, userId)).status;
}

export function useNotificationsLive(userId: string): LiveStatus {
  const spec = useMemo(() => notificationsLiveSpec(userId), [userId]);
  return useLiveState(useLiveChannel(spec, userId)).status;
}

/** Initials for a name or an email address ("Demo Translator" → "DT"). */
export function initialsOf(name: string): string {
  const words = name.replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}
