// The alignment in progress kept as a draft on this device (IndexedDB, one per user and document):
// the English, the rows with their confirmations, the selection and the undo history. Restored when
// the user comes back; rows and English lists shared between undo steps are stored once. IndexedDB
// copies what it stores on the main thread, so the bulk goes as two JSON strings and typed arrays
// (copied as blocks): a 10,000-row draft with its undo steps is not thousands of small objects.
import { createStore, del, get, set } from 'idb-keyval';
import type { AlignRow } from '../../domain/align/index.ts';
import { coverageProblem } from '../../domain/align/index.ts';
import type { AlignState } from './commands.ts';
import type { History } from './history.ts';

/** Undo steps kept in a draft (the editor keeps more while the page is open). */
export const DRAFT_HISTORY_LIMIT = 50;
const FORMAT = 2;

export interface AlignDraft {
  format: typeof FORMAT;
  userId: string;
  documentId: string;
  /** The Chinese paragraphs' ids when the draft was saved: a draft only fits the same paragraphs. */
  zhIds: string[];
  savedAt: string;
  /** Every distinct row of the stored states (AlignRow[] as JSON). */
  rows: string;
  /** Every distinct English paragraph list of the stored states (string[][] as JSON). */
  english: string;
  /** The states, oldest first: row indices into `rows`, the English list, the selected row. */
  states: { rows: Int32Array; en: number; selected: number }[];
  /** Index of the present state in `states` (earlier ones are undo steps, later ones redo steps). */
  present: number;
}

export function encodeDraft(
  history: History<AlignState>,
  meta: { userId: string; documentId: string; zhIds: readonly string[]; savedAt?: Date },
  limit = DRAFT_HISTORY_LIMIT,
): AlignDraft {
  const past = history.past.slice(Math.max(0, history.past.length - limit));
  const future = history.future.slice(0, limit);
  const rowIds = new Map<AlignRow, number>();
  const enIds = new Map<readonly string[], number>();
  const rows: AlignRow[] = [];
  const english: string[][] = [];
  const states = [...past, history.present, ...future].map((state) => {
    let en = enIds.get(state.en);
    if (en === undefined) {
      en = english.push([...state.en]) - 1;
      enIds.set(state.en, en);
    }
    return {
      en,
      selected: state.selected,
      rows: Int32Array.from(state.rows, (row) => {
        let id = rowIds.get(row);
        if (id === undefined) {
          id = rows.push(row) - 1;
          rowIds.set(row, id);
        }
        return id;
      }),
    };
  });
  return {
    format: FORMAT,
    userId: meta.userId,
    documentId: meta.documentId,
    zhIds: [...meta.zhIds],
    savedAt: (meta.savedAt ?? new Date()).toISOString(),
    rows: JSON.stringify(rows),
    english: JSON.stringify(english),
    states,
    present: past.length,
  };
}

export type DecodedDraft = { ok: true; history: History<AlignState>; savedAt: Date } | { ok: false; reason: 'format' | 'paragraphs-changed' | 'damaged' };

/** The draft's history, if it still fits the document's Chinese paragraphs (same ids, same order). */
export function decodeDraft(draft: AlignDraft, zhIds: readonly string[]): DecodedDraft {
  if (draft?.format !== FORMAT || !Array.isArray(draft.states)) return { ok: false, reason: 'format' };
  if (draft.zhIds.length !== zhIds.length || draft.zhIds.some((id, i) => id !== zhIds[i])) return { ok: false, reason: 'paragraphs-changed' };
  let english: readonly (readonly string[])[];
  let stored: AlignRow[];
  try {
    english = (JSON.parse(draft.english) as string[][]).map((list) => Object.freeze(list));
    stored = JSON.parse(draft.rows) as AlignRow[];
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  const states: AlignState[] = [];
  for (const s of draft.states) {
    const en = english[s.en];
    const rows = Array.from(s.rows, (id) => stored[id]);
    if (!en || rows.some((r) => r === undefined)) return { ok: false, reason: 'damaged' };
    const sound = rows as AlignRow[];
    if (coverageProblem(sound, zhIds.length, en.length) !== null) return { ok: false, reason: 'damaged' };
    states.push({ rows: sound, en, selected: Math.max(0, Math.min(s.selected, sound.length - 1)) });
  }
  const present = states[draft.present];
  if (!present) return { ok: false, reason: 'damaged' };
  return {
    ok: true,
    savedAt: new Date(draft.savedAt),
    history: { past: states.slice(0, draft.present), present, future: states.slice(draft.present + 1) },
  };
}

export interface DraftStorage {
  get(key: string): Promise<AlignDraft | undefined>;
  set(key: string, draft: AlignDraft): Promise<void>;
  del(key: string): Promise<void>;
}

export const draftKey = (userId: string, documentId: string) => `${userId}/${documentId}`;

export function createIdbDraftStorage(dbName = 'duizhao-align', storeName = 'drafts'): DraftStorage {
  const store = createStore(dbName, storeName);
  return {
    get: (key) => get<AlignDraft>(key, store),
    set: (key, draft) => set(key, draft, store),
    del: (key) => del(key, store),
  };
}

/** For browsers without IndexedDB (private modes of some): the draft lives as long as the tab. */
export function createMemoryDraftStorage(): DraftStorage {
  const map = new Map<string, AlignDraft>();
  return {
    get: async (key) => (map.has(key) ? structuredClone(map.get(key)) : undefined),
    set: async (key, draft) => void map.set(key, structuredClone(draft)),
    del: async (key) => void map.delete(key),
  };
}

let shared: DraftStorage | null = null;
export function draftStorage(): DraftStorage {
  shared ??= typeof indexedDB === 'undefined' ? createMemoryDraftStorage() : createIdbDraftStorage();
  return shared;
}
