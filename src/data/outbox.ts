// The translation outbox: every edit is kept in durable storage (IndexedDB in the app) until the
// server acknowledges it. Edits are sent debounced, carry the version the user started from, are
// retried with backoff while offline, and a stale version turns into a conflict the user resolves.
import { ConflictError, isNetworkError, errorMessage } from './errors.ts';
import type { Translation, TranslationStatus } from './translations.ts';

export interface TranslationDraft {
  body: unknown;
  text: string;
  /** Status to set with this save; null leaves it to the server. */
  status: TranslationStatus | null;
}

export interface PendingEdit extends TranslationDraft {
  paragraphId: string;
  documentId: string;
  userId: string;
  /** Version of the row the user started editing from. */
  baseVersion: number;
  /** Increases with every keystroke-level change; tells a stale acknowledgement from a current one. */
  seq: number;
  editedAt: number;
  /** The server's row when a save was refused as stale; kept so a reload still shows the conflict. */
  conflict?: Translation | null;
  /**
   * Contents sent from `baseVersion` whose answer never came (the connection dropped): any of them
   * may have been written. A stale-version answer showing one of them is our own save, not a conflict.
   */
  unconfirmed?: TranslationDraft[];
}

export type RowPhase = 'pending' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

export interface RowState {
  phase: RowPhase;
  /** The unacknowledged edit, or null once saved. */
  edit: PendingEdit | null;
  /** The server's current row when phase is 'conflict'. */
  theirs: Translation | null;
  error: string | null;
  savedAt: number | null;
}

export interface OutboxSummary {
  unsaved: number;
  saving: number;
  offline: number;
  conflicts: number;
  errors: number;
  lastSavedAt: number | null;
}

export interface OutboxStorage {
  get(key: string): Promise<PendingEdit | undefined>;
  set(key: string, value: PendingEdit): Promise<void>;
  del(key: string): Promise<void>;
  values(): Promise<PendingEdit[]>;
}

export interface OutboxDeps {
  save: (edit: PendingEdit) => Promise<Translation>;
  storage: OutboxStorage;
  /** Called with the acknowledged row (to update caches). */
  onSaved?: (row: Translation, edit: PendingEdit) => void;
  isOnline?: () => boolean;
  debounceMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
  /**
   * Listens to the page (connection back, tab hidden, leaving with unsaved edits) while a user is
   * connected; returns what removes those listeners.
   */
  watch?: (outbox: TranslationOutbox) => () => void;
}

export type ConflictResolution = { choice: 'mine' } | { choice: 'theirs' } | { choice: 'merged'; draft: TranslationDraft };

export interface EditTarget {
  paragraphId: string;
  documentId: string;
  userId: string;
  /** The version shown to the user when they started editing. */
  baseVersion: number;
}

/** The status a row will have once its pending edit is saved (the database applies the same rules). */
export function shownStatus(stored: TranslationStatus, edit: { status: TranslationStatus | null; text: string } | null): TranslationStatus {
  if (!edit) return stored;
  if (edit.status) return edit.status;
  if (stored === 'empty' && edit.text.trim() !== '') return 'draft';
  if (stored === 'approved') return 'translated';
  if (stored === 'rejected') return 'draft';
  return stored;
}

function sameContent(a: { text: string; body: unknown }, b: { text: string; body: unknown }): boolean {
  return a.text === b.text && JSON.stringify(a.body) === JSON.stringify(b.body);
}

/** Whether the server's row is what `edit`'s author wrote with `content` (their save went through). */
function writtenBy(row: Translation, content: TranslationDraft, userId: string): boolean {
  if (row.updated_by != null && row.updated_by !== userId) return false;
  return sameContent(row, content) && (!content.status || content.status === row.status);
}

/** Enough unanswered saves to cover a long stretch of a flaky connection; older ones fall off. */
const MAX_UNCONFIRMED = 20;

function withUnconfirmed(edit: PendingEdit): TranslationDraft[] {
  const content: TranslationDraft = { body: edit.body, text: edit.text, status: edit.status };
  const earlier = (edit.unconfirmed ?? []).filter((c) => !(sameContent(c, content) && c.status === content.status));
  return [...earlier, content].slice(-MAX_UNCONFIRMED);
}

/**
 * Writes each row's record to storage one at a time, newest value winning over queued ones. On a
 * slow disk keystrokes do not pile up as separate writes, and nothing older lands after newer.
 */
class RowWriter {
  private running = new Map<string, Promise<void>>();
  private queued = new Map<string, { value: PendingEdit | null; done: Promise<void>; resolve: () => void }>();

  constructor(private readonly storage: OutboxStorage) {}

  /** Stores (or with null removes) a row's record; resolves once it, or a newer value, is written. */
  write(key: string, value: PendingEdit | null): Promise<void> {
    const waiting = this.queued.get(key);
    if (waiting) {
      waiting.value = value;
      return waiting.done;
    }
    if (!this.running.has(key)) return this.start(key, value);
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.queued.set(key, { value, done, resolve });
    return done;
  }

  /** Resolves when every write asked for so far is written. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  private start(key: string, value: PendingEdit | null): Promise<void> {
    const op = (value ? this.storage.set(key, value) : this.storage.del(key))
      // A failing disk (quota, private mode) leaves the edit in memory; saving still goes on.
      .catch(() => undefined)
      .then(() => {
        this.running.delete(key);
        const next = this.queued.get(key);
        if (next) {
          this.queued.delete(key);
          void this.start(key, next.value).then(next.resolve);
        }
      });
    this.running.set(key, op);
    return op;
  }
}

export class TranslationOutbox {
  private rows = new Map<string, RowState>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private inFlight = new Map<string, Promise<void>>();
  private readonly writer: RowWriter;
  private attempts = new Map<string, number>();
  private listeners = new Set<() => void>();
  private seq = 0;
  private summary: OutboxSummary = { unsaved: 0, saving: 0, offline: 0, conflicts: 0, errors: 0, lastSavedAt: null };
  private readonly debounceMs: number;
  private readonly maxBackoffMs: number;
  private unwatch: (() => void) | null = null;
  /** Bumped on disconnect, so a restore still reading storage then adds nothing. */
  private generation = 0;

  constructor(private readonly deps: OutboxDeps) {
    this.debounceMs = deps.debounceMs ?? 800;
    this.maxBackoffMs = deps.maxBackoffMs ?? 30_000;
    this.writer = new RowWriter(deps.storage);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getRow(paragraphId: string): RowState | undefined {
    return this.rows.get(paragraphId);
  }

  getSummary(): OutboxSummary {
    return this.summary;
  }

  hasUnsaved(): boolean {
    return this.summary.unsaved > 0;
  }

  /** Starts work for a signed-in user: listens to the page and sends what an earlier session left. */
  connect(userId: string): Promise<void> {
    this.unwatch ??= this.deps.watch?.(this) ?? null;
    return this.restore(userId);
  }

  /** Stops listening to the page and forgets the in-memory state (sign-out); unsent edits stay in storage for their author. */
  disconnect(): void {
    this.unwatch?.();
    this.unwatch = null;
    this.generation++;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.attempts.clear();
    this.rows.clear();
    this.changed();
  }

  /** Loads edits left from an earlier session (reload, closed tab, crash) and sends them. */
  async restore(userId: string): Promise<void> {
    const generation = this.generation;
    // Writes still on their way to disk (an earlier session in this tab) come first.
    await this.writer.idle();
    const stored = await this.deps.storage.values();
    if (generation !== this.generation) return;
    for (const edit of stored) {
      if (edit.userId !== userId || this.rows.get(edit.paragraphId)?.edit) continue;
      this.seq = Math.max(this.seq, edit.seq);
      if (edit.conflict) {
        this.setRow(edit.paragraphId, { phase: 'conflict', edit, theirs: edit.conflict, error: null, savedAt: null });
      } else {
        this.setRow(edit.paragraphId, { phase: 'pending', edit, theirs: null, error: null, savedAt: null });
        this.schedule(edit.paragraphId, 0);
      }
    }
  }

  /** Records a change; sent after the debounce, or at once with `immediate` (mark translated, blur). */
  edit(target: EditTarget, draft: TranslationDraft, options: { immediate?: boolean } = {}): void {
    const current = this.rows.get(target.paragraphId);
    if (current?.phase === 'conflict') return;
    const previous = current?.edit;
    const edit: PendingEdit = {
      paragraphId: target.paragraphId,
      documentId: target.documentId,
      userId: target.userId,
      baseVersion: previous ? previous.baseVersion : target.baseVersion,
      body: draft.body,
      text: draft.text,
      // A status chosen earlier (mark translated) stays until it reached the server.
      status: draft.status ?? previous?.status ?? null,
      seq: ++this.seq,
      editedAt: this.now(),
      ...(previous?.unconfirmed ? { unconfirmed: previous.unconfirmed } : {}),
    };
    const phase: RowPhase = this.inFlight.has(target.paragraphId) ? 'saving' : current?.phase === 'offline' ? 'offline' : 'pending';
    this.setRow(target.paragraphId, { phase, edit, theirs: null, error: null, savedAt: current?.savedAt ?? null });
    void this.writer.write(target.paragraphId, edit);
    this.schedule(target.paragraphId, options.immediate ? 0 : this.debounceMs);
  }

  /**
   * Sets a row translated and sends it at once. The text is the row's unsent edit when there is
   * one, else `stored` (what the server last acknowledged).
   */
  markTranslated(target: EditTarget, stored: { body: unknown; text: string }): void {
    const pending = this.rows.get(target.paragraphId)?.edit;
    const content = pending ?? stored;
    this.edit(target, { body: content.body, text: content.text, status: 'translated' }, { immediate: true });
  }

  /** Sends a row's edit now (if any). Resolves when that attempt is over. */
  flush(paragraphId: string): Promise<void> {
    this.clearTimer(paragraphId);
    const running = this.inFlight.get(paragraphId);
    if (running) return running.then(() => this.flushIfChanged(paragraphId));
    const row = this.rows.get(paragraphId);
    if (!row?.edit || row.phase === 'conflict' || row.phase === 'error') return Promise.resolve();
    if (this.deps.isOnline && !this.deps.isOnline()) {
      this.setRow(paragraphId, { ...row, phase: 'offline' });
      // The online event normally wakes us; look again later in case it never comes.
      this.schedule(paragraphId, this.maxBackoffMs);
      return Promise.resolve();
    }
    const promise = this.send(paragraphId, row.edit).finally(() => this.inFlight.delete(paragraphId));
    this.inFlight.set(paragraphId, promise);
    return promise;
  }

  /** Sends every waiting edit (the connection came back, or the page is being hidden). */
  async flushAll(): Promise<void> {
    const ids = [...this.rows.entries()].filter(([, r]) => r.edit && r.phase !== 'conflict' && r.phase !== 'error').map(([id]) => id);
    await Promise.all(ids.map((id) => this.flush(id)));
  }

  handleOnline(): void {
    this.attempts.clear();
    void this.flushAll();
  }

  async resolveConflict(paragraphId: string, resolution: ConflictResolution): Promise<void> {
    const row = this.rows.get(paragraphId);
    if (!row || row.phase !== 'conflict' || !row.edit || !row.theirs) return;
    const theirs = row.theirs;
    if (resolution.choice === 'theirs') {
      await this.writer.write(paragraphId, null);
      this.setRow(paragraphId, { phase: 'saved', edit: null, theirs: null, error: null, savedAt: this.now() });
      this.deps.onSaved?.(theirs, row.edit);
      return;
    }
    const draft = resolution.choice === 'mine' ? row.edit : resolution.draft;
    const edit: PendingEdit = {
      ...row.edit,
      body: draft.body,
      text: draft.text,
      status: draft.status,
      baseVersion: theirs.version,
      seq: ++this.seq,
      editedAt: this.now(),
      conflict: null,
      unconfirmed: undefined,
    };
    this.setRow(paragraphId, { phase: 'pending', edit, theirs: null, error: null, savedAt: row.savedAt });
    await this.writer.write(paragraphId, edit);
    await this.flush(paragraphId);
  }

  /** Drops a row's unsent edit after a permanent failure (the user chose to discard it). */
  async discard(paragraphId: string): Promise<void> {
    this.clearTimer(paragraphId);
    await this.writer.write(paragraphId, null);
    this.rows.delete(paragraphId);
    this.changed();
  }

  /** Retries a row that failed for another reason than the network. */
  retry(paragraphId: string): Promise<void> {
    const row = this.rows.get(paragraphId);
    if (row?.phase === 'error') this.setRow(paragraphId, { ...row, phase: 'pending', error: null });
    return this.flush(paragraphId);
  }

  dispose(): void {
    this.unwatch?.();
    this.unwatch = null;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }

  private async send(paragraphId: string, edit: PendingEdit): Promise<void> {
    const generation = this.generation;
    // Marked as possibly written before it leaves, and on disk before it leaves: whatever happens
    // to the answer, a reload can tell this save from someone else's.
    const sending: PendingEdit = { ...edit, unconfirmed: withUnconfirmed(edit) };
    this.setRow(paragraphId, { ...this.rows.get(paragraphId)!, phase: 'saving', edit: sending });
    await this.writer.write(paragraphId, sending);
    // Signed out meanwhile (the next session sends it from storage), or discarded.
    if (generation !== this.generation || !this.rows.get(paragraphId)?.edit) return;
    try {
      const saved = await this.deps.save(sending);
      await this.acknowledge(paragraphId, sending, saved);
    } catch (e) {
      if (e instanceof ConflictError) {
        await this.settleConflict(paragraphId, sending, (e.current ?? null) as Translation | null);
        return;
      }
      const row = this.rows.get(paragraphId)!;
      if (isNetworkError(e)) {
        this.setRow(paragraphId, { ...row, phase: 'offline' });
        const attempt = (this.attempts.get(paragraphId) ?? 0) + 1;
        this.attempts.set(paragraphId, attempt);
        this.schedule(paragraphId, Math.min(this.maxBackoffMs, 1000 * 2 ** (attempt - 1)));
        return;
      }
      this.setRow(paragraphId, { ...row, phase: 'error', error: errorMessage(e) });
    }
  }

  /** A save was refused as stale: our own earlier save that went through unanswered, or a real conflict. */
  private async settleConflict(paragraphId: string, sent: PendingEdit, theirs: Translation | null): Promise<void> {
    const latest = this.rows.get(paragraphId)?.edit ?? sent;
    if (theirs && writtenBy(theirs, sent, sent.userId)) {
      await this.acknowledge(paragraphId, sent, theirs);
      return;
    }
    const earlier = theirs ? [...(latest.unconfirmed ?? []), ...(sent.unconfirmed ?? [])].find((c) => writtenBy(theirs, c, sent.userId)) : undefined;
    if (theirs && earlier) {
      // An earlier save of ours was written and its answer lost: continue from it at once.
      this.attempts.delete(paragraphId);
      this.deps.onSaved?.(theirs, { ...latest, ...earlier });
      this.rebase(paragraphId, latest, earlier.status, theirs, 0);
      return;
    }
    const stored: PendingEdit = { ...latest, conflict: theirs };
    this.setRow(paragraphId, { phase: 'conflict', edit: stored, theirs, error: null, savedAt: null });
    await this.writer.write(paragraphId, stored);
  }

  private async acknowledge(paragraphId: string, sent: PendingEdit, saved: Translation): Promise<void> {
    this.attempts.delete(paragraphId);
    this.deps.onSaved?.(saved, sent);
    const current = this.rows.get(paragraphId);
    const latest = current?.edit;
    if (!latest || latest.seq === sent.seq) {
      const settling: RowState = { phase: 'saving', edit: null, theirs: null, error: null, savedAt: current?.savedAt ?? null };
      this.setRow(paragraphId, settling);
      await this.writer.write(paragraphId, null);
      // Saved once the edit is also gone from disk: a reload then has nothing older to send.
      if (this.rows.get(paragraphId) === settling) this.setRow(paragraphId, { ...settling, phase: 'saved', savedAt: this.now() });
      return;
    }
    // Typing went on while this save was in flight: the rest continues from the version we just wrote.
    this.rebase(paragraphId, latest, sent.status, saved, this.debounceMs);
  }

  /** Moves a newer edit onto the version our own save produced, and sends it after `delay` unless already due. */
  private rebase(paragraphId: string, latest: PendingEdit, sentStatus: TranslationStatus | null, saved: Translation, delay: number): void {
    const rebased: PendingEdit = {
      ...latest,
      baseVersion: saved.version,
      status: latest.status === sentStatus ? null : latest.status,
      unconfirmed: undefined,
    };
    this.setRow(paragraphId, { phase: 'pending', edit: rebased, theirs: null, error: null, savedAt: this.now() });
    void this.writer.write(paragraphId, rebased);
    if (delay === 0 || !this.timers.has(paragraphId)) this.schedule(paragraphId, delay);
  }

  private flushIfChanged(paragraphId: string): Promise<void> {
    const row = this.rows.get(paragraphId);
    return row?.edit && row.phase !== 'conflict' ? this.flush(paragraphId) : Promise.resolve();
  }

  private schedule(paragraphId: string, delay: number): void {
    this.clearTimer(paragraphId);
    this.timers.set(
      paragraphId,
      setTimeout(() => {
        this.timers.delete(paragraphId);
        void this.flush(paragraphId);
      }, delay),
    );
  }

  private clearTimer(paragraphId: string): void {
    const t = this.timers.get(paragraphId);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(paragraphId);
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  private setRow(paragraphId: string, state: RowState): void {
    this.rows.set(paragraphId, state);
    this.changed();
  }

  private changed(): void {
    const s: OutboxSummary = { unsaved: 0, saving: 0, offline: 0, conflicts: 0, errors: 0, lastSavedAt: null };
    for (const r of this.rows.values()) {
      if (r.edit) s.unsaved++;
      if (r.phase === 'saving') s.saving++;
      if (r.phase === 'offline') s.offline++;
      if (r.phase === 'conflict') s.conflicts++;
      if (r.phase === 'error') s.errors++;
      if (r.savedAt && (!s.lastSavedAt || r.savedAt > s.lastSavedAt)) s.lastSavedAt = r.savedAt;
    }
    const old = this.summary;
    // Keep the same object when nothing counted changed, so subscribers to the summary do not re-render.
    if (
      s.unsaved !== old.unsaved ||
      s.saving !== old.saving ||
      s.offline !== old.offline ||
      s.conflicts !== old.conflicts ||
      s.errors !== old.errors ||
      s.lastSavedAt !== old.lastSavedAt
    ) {
      this.summary = s;
    }
    for (const l of this.listeners) l();
  }
}
