import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AlignRow } from '../../domain/align/index.ts';
import { runEdit, type AlignState } from './commands.ts';
import { createIdbDraftStorage, createMemoryDraftStorage, decodeDraft, draftKey, encodeDraft } from './draft.ts';
import { createHistory, push, undo, type History } from './history.ts';

const row = (zh: number[], en: number[], confirmed = false): AlignRow => ({ zh, en, confidence: 0.95, reasons: [], confirmed });
const en = ['One.', 'Two.', 'Three.', 'Four.'];
const zhIds = ['a', 'b', 'c', 'd'];
const meta = { userId: 'u1', documentId: 'd1', zhIds, savedAt: new Date('2026-12-04T18:00:00Z') };

function edited(): History<AlignState> {
  let h = createHistory<AlignState>({ rows: [row([0], [0]), row([1], [1]), row([2], [2]), row([3], [3])], en, selected: 0 });
  h = push(h, runEdit(h.present, 'confirm'));
  h = push(h, runEdit({ ...h.present, selected: 1 }, 'merge'));
  h = push(h, runEdit({ ...h.present, selected: 1 }, 'split'));
  return undo(h);
}

describe('alignment drafts', () => {
  it('round-trips rows, confirmations, selection and the undo and redo steps', () => {
    const history = edited();
    const decoded = decodeDraft(structuredClone(encodeDraft(history, meta)), zhIds);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.savedAt.toISOString()).toBe('2026-12-04T18:00:00.000Z');
    expect(decoded.history.present).toEqual(history.present);
    expect(decoded.history.past).toEqual(history.past);
    expect(decoded.history.future).toEqual(history.future);
    expect(decoded.history.present.rows[0]!.confirmed).toBe(true);
  });

  it('stores each row and each English list once however many undo steps share them', () => {
    let h = createHistory<AlignState>({ rows: Array.from({ length: 100 }, (_, i) => row([i], [i])), en: Array.from({ length: 100 }, (_, i) => `E${i}`), selected: 0 });
    for (let i = 0; i < 30; i++) h = push(h, runEdit({ ...h.present, selected: i }, 'confirm'));
    const draft = encodeDraft(h, { ...meta, zhIds: Array.from({ length: 100 }, (_, i) => `z${i}`) });
    expect(draft.states).toHaveLength(31);
    expect(JSON.parse(draft.english)).toHaveLength(1);
    expect(JSON.parse(draft.rows)).toHaveLength(130);
  });

  it('keeps the newest undo steps when there are more than the limit', () => {
    let h = createHistory<AlignState>({ rows: [row([0], [0]), row([1], [1]), row([2], [2]), row([3], [3])], en, selected: 0 });
    for (let i = 0; i < 8; i++) h = push(h, runEdit({ ...h.present, selected: i % 4 }, 'confirm'));
    const decoded = decodeDraft(encodeDraft(h, meta, 3), zhIds);
    expect(decoded.ok && decoded.history.past).toEqual(h.past.slice(-3));
  });

  it('refuses a draft made for other paragraphs, or a damaged one', () => {
    const draft = encodeDraft(edited(), meta);
    expect(decodeDraft(draft, ['a', 'b', 'c'])).toEqual({ ok: false, reason: 'paragraphs-changed' });
    expect(decodeDraft(draft, ['a', 'b', 'd', 'c'])).toEqual({ ok: false, reason: 'paragraphs-changed' });
    expect(decodeDraft({ ...draft, format: 1 as 2 }, zhIds)).toEqual({ ok: false, reason: 'format' });
    expect(decodeDraft({ ...draft, rows: '[{' }, zhIds)).toEqual({ ok: false, reason: 'damaged' });
    const broken = structuredClone(draft);
    broken.states[0]!.rows = Int32Array.of(0);
    expect(decodeDraft(broken, zhIds)).toEqual({ ok: false, reason: 'damaged' });
  });

  it('is kept per user and document in IndexedDB', async () => {
    for (const storage of [createIdbDraftStorage('duizhao-align-test'), createMemoryDraftStorage()]) {
      const draft = encodeDraft(edited(), meta);
      await storage.set(draftKey('u1', 'd1'), draft);
      expect(await storage.get(draftKey('u2', 'd1'))).toBeUndefined();
      expect(await storage.get(draftKey('u1', 'd2'))).toBeUndefined();
      const back = await storage.get(draftKey('u1', 'd1'));
      expect(back && decodeDraft(back, zhIds).ok).toBe(true);
      await storage.del(draftKey('u1', 'd1'));
      expect(await storage.get(draftKey('u1', 'd1'))).toBeUndefined();
    }
  });
});
