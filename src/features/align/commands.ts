// The alignment editor's commands: which key runs which, whether a command applies to the
// selected row, and what an edit does to the rows and the selection. Pure, so it is tested alone.
import { CHECK_BELOW, splitEnSentences, confirmRow, confirmThrough, markUnmatched, mergeWithNext, shiftBoundary, splitRow, type AlignRow } from '../../domain/align/index.ts';

export type EditCommand = 'merge' | 'split' | 'shiftUp' | 'shiftDown' | 'shiftUpZh' | 'shiftDownZh' | 'unmatch' | 'confirm' | 'confirmAbove';
export type MoveCommand = 'prev' | 'next' | 'first' | 'last' | 'nextToCheck';
export type Command = EditCommand | MoveCommand | 'realign' | 'undo' | 'redo' | 'splitEnglish';

export interface EditorState {
  rows: readonly AlignRow[];
  /** Index of the selected row. */
  selected: number;
}

/** The editor's whole state: the rows and the English paragraphs they index (splitting one adds one). */
export interface AlignState extends EditorState {
  en: readonly string[];
}

/**
 * Unconfirmed rows the translator should check: under the calibrated confidence threshold, leaving a
 * side unmatched, or joining several Chinese paragraphs (applied, they become one translation).
 */
export function needsCheck(row: AlignRow): boolean {
  if (row.confirmed) return false;
  return row.confidence < CHECK_BELOW || row.zh.length === 0 || row.en.length === 0 || row.zh.length > 1;
}

export interface KeyLike {
  key: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const LETTERS: Record<string, Command> = { m: 'merge', s: 'split', e: 'splitEnglish', u: 'unmatch', r: 'realign', n: 'nextToCheck' };

export function commandForKey(e: KeyLike): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey) {
    const key = e.key.toLowerCase();
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    return null;
  }
  if (mod) return null;
  if (e.altKey) {
    if (e.key === 'ArrowUp') return e.shiftKey ? 'shiftUpZh' : 'shiftUp';
    if (e.key === 'ArrowDown') return e.shiftKey ? 'shiftDownZh' : 'shiftDown';
    return null;
  }
  if (e.key === 'Enter') return e.shiftKey ? 'confirmAbove' : 'confirm';
  if (e.shiftKey) return null;
  if (e.key === 'ArrowUp') return 'prev';
  if (e.key === 'ArrowDown') return 'next';
  if (e.key === 'Home') return 'first';
  if (e.key === 'End') return 'last';
  return LETTERS[e.key.toLowerCase()] ?? null;
}

/** Where S splits a row: halves on each side; a 1-1 row comes apart into 1-0 and 0-1. */
export function defaultSplit(row: Pick<AlignRow, 'zh' | 'en'>): { zh: number; en: number } | null {
  if (row.zh.length + row.en.length < 2) return null;
  if (row.zh.length === 1 && row.en.length === 1) return { zh: 1, en: 0 };
  return { zh: Math.ceil(row.zh.length / 2), en: Math.ceil(row.en.length / 2) };
}

export function canRun(state: EditorState, command: EditCommand): boolean {
  const { rows, selected } = state;
  const row = rows[selected];
  const below = rows[selected + 1];
  if (!row) return false;
  switch (command) {
    case 'merge':
      return below !== undefined;
    case 'split':
      return defaultSplit(row) !== null;
    case 'shiftUp':
      return below !== undefined && row.en.length > 0;
    case 'shiftDown':
      return below !== undefined && below.en.length > 0;
    case 'shiftUpZh':
      return below !== undefined && row.zh.length > 0;
    case 'shiftDownZh':
      return below !== undefined && below.zh.length > 0;
    case 'unmatch':
      return row.en.length > 0 && !(row.zh.length === 0 && row.en.length === 1);
    case 'confirm':
      return true;
    case 'confirmAbove':
      return rows.slice(0, selected + 1).some((r) => !r.confirmed);
  }
}

const clamp = (index: number, rows: readonly unknown[]) => Math.max(0, Math.min(index, rows.length - 1));

/** Runs an edit on the selected row. Throws RangeError when it does not apply (see canRun). */
export function runEdit<S extends EditorState>(state: S, command: EditCommand): S {
  if (!canRun(state, command)) throw new RangeError(`${command} does not apply to row ${state.selected}`);
  const { rows, selected } = state;
  const row = rows[selected]!;
  let next: AlignRow[];
  let nextSelected = selected;
  switch (command) {
    case 'merge':
      next = mergeWithNext(rows, selected);
      break;
    case 'split':
      next = splitRow(rows, selected, defaultSplit(row)!);
      break;
    case 'shiftUp':
      next = shiftBoundary(rows, selected, 'up', 'en');
      break;
    case 'shiftDown':
      next = shiftBoundary(rows, selected, 'down', 'en');
      break;
    case 'shiftUpZh':
      next = shiftBoundary(rows, selected, 'up', 'zh');
      break;
    case 'shiftDownZh':
      next = shiftBoundary(rows, selected, 'down', 'zh');
      break;
    case 'unmatch':
      next = markUnmatched(rows, row.en[row.en.length - 1]!, 'en');
      break;
    case 'confirm':
      next = confirmRow(rows, selected, !row.confirmed);
      // Confirming walks down the list, the way a translator checks rows one after another.
      if (!row.confirmed) nextSelected = selected + 1;
      break;
    case 'confirmAbove':
      next = confirmThrough(rows, selected);
      break;
  }
  return { ...state, rows: next, selected: clamp(nextSelected, next) };
}

/** The row a movement command selects. */
export function moveSelection(state: EditorState, command: MoveCommand): number {
  const { rows, selected } = state;
  switch (command) {
    case 'prev':
      return clamp(selected - 1, rows);
    case 'next':
      return clamp(selected + 1, rows);
    case 'first':
      return 0;
    case 'last':
      return clamp(rows.length - 1, rows);
    case 'nextToCheck': {
      for (let k = 1; k <= rows.length; k++) {
        const index = (selected + k) % rows.length;
        if (needsCheck(rows[index]!)) return index;
      }
      return selected;
    }
  }
}

/** The English paragraph "Split English at sentence" cuts in the selected row: its last one with several sentences. */
export function englishToSplit(state: AlignState): number | null {
  const row = state.rows[state.selected];
  if (!row) return null;
  for (let k = row.en.length - 1; k >= 0; k--) {
    const j = row.en[k]!;
    if (splitEnSentences(state.en[j] ?? '').length >= 2) return j;
  }
  return null;
}
