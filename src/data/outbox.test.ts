import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConflictError } from './errors.ts';
import { shownStatus, TranslationOutbox, type OutboxDeps, type OutboxStorage, type PendingEdit } from './outbox.ts';
import { createIdbOutboxStorage, createMemoryOutboxStorage } from './outbox-storage.ts';
import type { Translation } from './translations.ts';

/** An in-memory save_translation with the same version rule as the database: stale → conflict. */
class VersionedRows {
  rows = new Map<string, Translation>();
  calls: PendingEdit[] = [];
  online = true;
  /** When set, the save commits but the answer is lost (connection dropped after the write). */
  dropAnswer = false;

  seed(paragraphId: string, text = '', version = 1) {
    this.rows.set(paragraphId, {
      id: `t-${paragraphId}`,
      paragraph_id: paragraphId,
      body: null,
      text,
      status: text ? 'draft' : 'empty',
      version,
    });
  }

  save = async (edit: PendingEdit): Promise<Translation> => {
    this.calls.push(edit);
    if (!this.online) throw new TypeError('Failed to fetch');
    const row = this.rows.get(edit.paragraphId)!;
    if (row.version !== edit.baseVersion) throw new ConflictError({ ...row });
    const next: Translation = {
      ...row,
      body: edit.body,
      text: edit.text,
      status: edit.status ?? (edit.text ? 'draft' : row.status),
      version: row.version + 1,
    };
    this.rows.set(edit.paragraphId, next);
    if (this.dropAnswer) {
      this.dropAnswer = false;
      throw new TypeError('Failed to fetch');
    }
    return { ...next };
  };
}


/**
 * IndexedDB as a loaded machine sees it: each write commits `lagMs` after the one before, and a
 * reload aborts the writes that have not committed yet (reads see committed writes only).
 */
function laggingStorage(inner: OutboxStorage, lagMs: number) {
  let queue: Array<() => Promise<void>> = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      await new Promise((r) => setTimeout(r, lagMs));
      await queue.shift()?.();
    }
    draining = false;
  };
  const enqueue = (op: () => Promise<void>) =>
    new Promise<void>((resolve) => {
      queue.push(async () => {
        await op();
        resolve();
      });
      if (!draining) void drain();
    });
  const storage: OutboxStorage = {
    get: (key) => inner.get(key),
    values: () => inner.values(),
    set: (key, value) => enqueue(() => inner.set(key, structuredClone(value))),
    del: (key) => enqueue(() => inner.del(key)),
  };
  return {
    storage,
    /** The page goes away: writes still queued never reach the database. */
    reload: () => {
      queue = [];
    },
  };
}

const target = (paragraphId: string, baseVersion = 1) => ({ paragraphId, documentId: 'd1', userId: 'u1', baseVersion });
const draft = (text: string, status: 'translated' | null = null) => ({ body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, text, status });

describe('TranslationOutbox', () => {
  let server: VersionedRows;
  let deps: OutboxDeps;
  let outbox: TranslationOutbox;

  beforeEach(() => {
    vi.useFakeTimers();
    server = new VersionedRows();
    server.seed('p1');
    server.seed('p2');
    deps = { save: server.save, storage: createMemoryOutboxStorage(), isOnline: () => server.online, debounceMs: 800 };
    outbox = new TranslationOutbox(deps);
  });
  afterEach(() => {
    outbox.dispose();
    vi.useRealTimers();
  });

  it('debounces keystrokes into one save carrying the starting version', async () => {
    outbox.edit(target('p1'), draft('T'));
    outbox.edit(target('p1'), draft('Th'));
    outbox.edit(target('p1'), draft('The'));
    expect(outbox.getRow('p1')!.phase).toBe('pending');
    await vi.advanceTimersByTimeAsync(799);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ text: 'The', baseVersion: 1 });
    expect(outbox.getRow('p1')).toMatchObject({ phase: 'saved', edit: null });
    expect(server.rows.get('p1')!.version).toBe(2);
    expect(await deps.storage.values()).toEqual([]);
  });

  it('keeps typing during a save and continues from the version it wrote', async () => {
    outbox.edit(target('p1'), draft('The'));
    const flushing = outbox.flush('p1');
    outbox.edit(target('p1'), draft('The two'));
    await flushing;
    expect(outbox.getRow('p1')!.edit).toMatchObject({ text: 'The two', baseVersion: 2 });
    await vi.advanceTimersByTimeAsync(800);
    expect(server.rows.get('p1')).toMatchObject({ text: 'The two', version: 3 });
    expect(outbox.hasUnsaved()).toBe(false);
  });

  it('sends a status immediately when the row is marked translated', async () => {
    outbox.edit(target('p1'), draft('The two sides', 'translated'), { immediate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.rows.get('p1')).toMatchObject({ status: 'translated', version: 2 });
  });

  it('turns a stale version into a conflict and keeps both texts', async () => {
    server.rows.set('p1', { ...server.rows.get('p1')!, text: 'Their text', version: 5 });
    outbox.edit(target('p1', 1), draft('My text'));
    await vi.advanceTimersByTimeAsync(800);
    const row = outbox.getRow('p1')!;
    expect(row.phase).toBe('conflict');
    expect(row.edit!.text).toBe('My text');
    expect(row.theirs!.text).toBe('Their text');
    // The conflict survives a reload.
    expect((await deps.storage.get('p1'))!.conflict!.text).toBe('Their text');
    expect(outbox.getSummary().conflicts).toBe(1);
  });

  it('resolves a conflict by keeping mine on top of their version', async () => {
    server.rows.set('p1', { ...server.rows.get('p1')!, text: 'Their text', version: 5 });
    outbox.edit(target('p1', 1), draft('My text'));
    await vi.advanceTimersByTimeAsync(800);
    await outbox.resolveConflict('p1', { choice: 'mine' });
    expect(server.rows.get('p1')).toMatchObject({ text: 'My text', version: 6 });
    expect(outbox.getRow('p1')!.phase).toBe('saved');
  });

  it('resolves a conflict by taking theirs without writing', async () => {
    const saved: Translation[] = [];
    outbox = new TranslationOutbox({ ...deps, onSaved: (row) => saved.push(row) });
    server.rows.set('p1', { ...server.rows.get('p1')!, text: 'Their text', version: 5 });
    outbox.edit(target('p1', 1), draft('My text'));
    await vi.advanceTimersByTimeAsync(800);
    const calls = server.calls.length;
    await outbox.resolveConflict('p1', { choice: 'theirs' });
    expect(server.calls.length).toBe(calls);
    expect(saved.at(-1)!.text).toBe('Their text');
    expect(await deps.storage.values()).toEqual([]);
  });

  it('resolves a conflict with a merge saved on the new version', async () => {
    server.rows.set('p1', { ...server.rows.get('p1')!, text: 'Their text', version: 5 });
    outbox.edit(target('p1', 1), draft('My text'));
    await vi.advanceTimersByTimeAsync(800);
    await outbox.resolveConflict('p1', { choice: 'merged', draft: draft('My text and their text') });
    expect(server.rows.get('p1')).toMatchObject({ text: 'My text and their text', version: 6 });
  });

  it('holds edits while offline and sends them once when back online', async () => {
    server.online = false;
    outbox.edit(target('p1'), draft('Offline words'));
    await vi.advanceTimersByTimeAsync(800);
    expect(outbox.getRow('p1')!.phase).toBe('offline');
    expect(server.calls).toHaveLength(0); // offline is known: nothing is attempted
    server.online = true;
    outbox.handleOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.rows.get('p1')).toMatchObject({ text: 'Offline words', version: 2 });
    expect(server.calls).toHaveLength(1);
  });

  it('retries failed requests with growing delays', async () => {
    outbox = new TranslationOutbox({ ...deps, isOnline: () => true });
    server.online = false;
    outbox.edit(target('p1'), draft('Flaky'));
    await vi.advanceTimersByTimeAsync(800);
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.calls).toHaveLength(2);
    server.online = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(3);
    expect(outbox.getRow('p1')!.phase).toBe('saved');
  });

  it('does not report a conflict when its own save committed but the answer was lost', async () => {
    outbox = new TranslationOutbox({ ...deps, isOnline: () => true });
    server.dropAnswer = true;
    outbox.edit(target('p1'), draft('Written once'));
    await vi.advanceTimersByTimeAsync(800);
    expect(outbox.getRow('p1')!.phase).toBe('offline');
    await vi.advanceTimersByTimeAsync(1000);
    expect(outbox.getRow('p1')!.phase).toBe('saved');
    expect(server.rows.get('p1')).toMatchObject({ text: 'Written once', version: 2 });
  });

  it('keeps typing after a save whose answer was lost, without a conflict against itself', async () => {
    outbox = new TranslationOutbox({ ...deps, isOnline: () => true });
    server.dropAnswer = true;
    outbox.edit(target('p1'), draft('Written once'));
    await vi.advanceTimersByTimeAsync(800);
    expect(outbox.getRow('p1')!.phase).toBe('offline');
    // The first save did commit (version 2); the next one still starts from version 1.
    outbox.edit(target('p1'), draft('Written once, then more'));
    await vi.advanceTimersByTimeAsync(800);
    // Refused as stale against our own first save: sent again at once on top of it.
    await vi.advanceTimersByTimeAsync(10);
    expect(outbox.getRow('p1')!.phase).toBe('saved');
    expect(server.rows.get('p1')).toMatchObject({ text: 'Written once, then more', version: 3 });
    expect(await deps.storage.values()).toEqual([]);
  });

  it('after a reload, resends an edit typed on top of a save whose answer was lost, without a conflict', async () => {
    const first = new TranslationOutbox({ ...deps, isOnline: () => true });
    server.dropAnswer = true;
    first.edit(target('p1'), draft('Sent'));
    await vi.advanceTimersByTimeAsync(800);
    first.edit(target('p1'), draft('Sent and more'));
    server.online = false;
    await vi.advanceTimersByTimeAsync(800);
    first.dispose();

    server.online = true;
    outbox = new TranslationOutbox(deps);
    await outbox.restore('u1');
    await vi.advanceTimersByTimeAsync(10);
    expect(outbox.getRow('p1')!.phase).toBe('saved');
    expect(server.rows.get('p1')).toMatchObject({ text: 'Sent and more', version: 3 });
  });

  it('a conflict with a save by someone else is still a conflict after a lost answer', async () => {
    outbox = new TranslationOutbox({ ...deps, isOnline: () => true });
    server.dropAnswer = true;
    outbox.edit(target('p1'), draft('Mine'));
    await vi.advanceTimersByTimeAsync(800);
    server.rows.set('p1', { ...server.rows.get('p1')!, text: 'Theirs', version: 3, updated_by: 'u2' });
    outbox.edit(target('p1'), draft('Mine, longer'));
    await vi.advanceTimersByTimeAsync(800);
    expect(outbox.getRow('p1')).toMatchObject({ phase: 'conflict', theirs: { text: 'Theirs' } });
  });

  it('a reload right after "saved" restores nothing older than what the server acknowledged (slow IndexedDB)', async () => {
    // fake-indexeddb schedules its work on real timers.
    vi.useRealTimers();
    const idb = createIdbOutboxStorage('outbox-lag-test', 'translations');
    const lagging = laggingStorage(idb, 15);
    let online = false;
    const first = new TranslationOutbox({ ...deps, storage: lagging.storage, isOnline: () => online, debounceMs: 1 });
    const text = 'Offline p11-mx96n2kei7';
    // Typed offline, one edit per keystroke, faster than the disk commits: the first keystrokes
    // are on disk, the later ones queued behind them.
    for (let i = 1; i <= text.length; i++) {
      first.edit(target('p1'), draft(text.slice(0, i)));
      await new Promise((r) => setTimeout(r, 5));
    }
    await first.flush('p1');
    expect(first.getRow('p1')!.phase).toBe('offline');
    online = true;
    first.handleOnline();
    await vi.waitFor(() => expect(first.getSummary()).toMatchObject({ unsaved: 0, saving: 0 }), { interval: 1 });
    expect(server.rows.get('p1')).toMatchObject({ text, version: 2 });
    // The user reloads as soon as the page says everything is saved.
    lagging.reload();
    first.dispose();

    const second = new TranslationOutbox({ ...deps, storage: idb, debounceMs: 1 });
    await second.restore('u1');
    await new Promise((r) => setTimeout(r, 50));
    expect(second.getRow('p1')?.phase ?? 'none').not.toBe('conflict');
    expect(server.rows.get('p1')).toMatchObject({ text });
    await vi.waitFor(async () => expect(await idb.values()).toEqual([]));
    second.dispose();
  });

  it('restores unsent edits from IndexedDB after a reload and sends them', async () => {
    // fake-indexeddb schedules its work on real timers.
    vi.useRealTimers();
    const storage = createIdbOutboxStorage('outbox-test', 'translations');
    const first = new TranslationOutbox({ ...deps, storage, isOnline: () => false, debounceMs: 1 });
    first.edit(target('p2'), draft('Before the reload'));
    await vi.waitFor(() => expect(first.getRow('p2')!.phase).toBe('offline'));
    first.dispose();

    const second = new TranslationOutbox({ ...deps, storage });
    await second.restore('u1');
    expect(second.getRow('p2')!.edit!.text).toBe('Before the reload');
    await vi.waitFor(() => expect(server.rows.get('p2')).toMatchObject({ text: 'Before the reload', version: 2 }));
    await vi.waitFor(async () => expect(await storage.values()).toEqual([]));
    second.dispose();
  });

  it('restores only the signed-in user\'s edits', async () => {
    await deps.storage.set('p1', { ...target('p1'), ...draft('Someone else'), userId: 'u2', seq: 1, editedAt: 0 });
    await outbox.restore('u1');
    expect(outbox.getRow('p1')).toBeUndefined();
  });

  it('stops on a refusal and lets the user retry or discard', async () => {
    outbox = new TranslationOutbox({
      ...deps,
      save: async () => {
        throw Object.assign(new Error('new row violates row-level security policy'), { code: '42501' });
      },
    });
    outbox.edit(target('p1'), draft('Not allowed'));
    await vi.advanceTimersByTimeAsync(800);
    expect(outbox.getRow('p1')).toMatchObject({ phase: 'error', error: 'new row violates row-level security policy' });
    await outbox.discard('p1');
    expect(outbox.hasUnsaved()).toBe(false);
  });

  it('marks a row translated with its unsent edit, else with the stored row', async () => {
    outbox.edit(target('p1'), draft('Typed, not yet sent'));
    outbox.markTranslated(target('p1'), { body: null, text: 'stored' });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ text: 'Typed, not yet sent', status: 'translated', baseVersion: 1 });

    server.seed('p2', 'Stored text', 4);
    outbox.markTranslated(target('p2', 4), { body: { type: 'doc' }, text: 'Stored text' });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls[1]).toMatchObject({ paragraphId: 'p2', text: 'Stored text', body: { type: 'doc' }, status: 'translated', baseVersion: 4 });
    expect(server.rows.get('p2')).toMatchObject({ status: 'translated', version: 5 });
  });

  it('listens to the page only while connected, and forgets its rows on disconnect', async () => {
    const watching: string[] = [];
    outbox = new TranslationOutbox({
      ...deps,
      watch: () => {
        watching.push('on');
        return () => watching.push('off');
      },
    });
    await outbox.connect('u1');
    await outbox.connect('u1');
    expect(watching).toEqual(['on']);
    server.online = false;
    outbox.edit(target('p1'), draft('Kept for later'));
    await vi.advanceTimersByTimeAsync(800);
    outbox.disconnect();
    expect(watching).toEqual(['on', 'off']);
    expect(outbox.getRow('p1')).toBeUndefined();
    // The edit waits in storage for its author's next session.
    expect(await deps.storage.values()).toMatchObject([{ paragraphId: 'p1', text: 'Kept for later' }]);
    server.online = true;
    await outbox.connect('u1');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.rows.get('p1')).toMatchObject({ text: 'Kept for later', version: 2 });
  });

  it('a restore still reading storage when the user signs out adds nothing', async () => {
    await deps.storage.set('p1', { ...target('p1'), ...draft('Left over'), seq: 1, editedAt: 0 });
    const restoring = outbox.connect('u1');
    outbox.disconnect();
    await restoring;
    expect(outbox.getRow('p1')).toBeUndefined();
  });
});

describe('shownStatus', () => {
  it('follows the rules the database applies on save', () => {
    expect(shownStatus('empty', null)).toBe('empty');
    expect(shownStatus('empty', { status: null, text: 'The two sides' })).toBe('draft');
    expect(shownStatus('empty', { status: null, text: '  ' })).toBe('empty');
    expect(shownStatus('approved', { status: null, text: 'edited' })).toBe('translated');
    expect(shownStatus('draft', { status: 'translated', text: 'done' })).toBe('translated');
    expect(shownStatus('translated', { status: null, text: 'more' })).toBe('translated');
    expect(shownStatus('rejected', { status: null, text: 'reworded' })).toBe('draft');
    expect(shownStatus('rejected', { status: 'translated', text: 'reworded' })).toBe('translated');
  });
});
