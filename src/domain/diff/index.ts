// Word-level differences between two versions of a text (a translation and a reviewer's suggestion,
// or two revisions of a row), for display: runs of unchanged, removed and added text.
import { diffWords } from 'diff';

export type DiffKind = 'same' | 'removed' | 'added';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface WordDiff {
  parts: DiffPart[];
  /** Words (whitespace-separated runs) removed from `before` and added in `after`. */
  removedWords: number;
  addedWords: number;
}

const countWords = (text: string) => text.split(/\s+/u).filter(Boolean).length;

/** The differences from `before` to `after`, word by word; whitespace changes alone are no change. */
export function wordDiff(before: string, after: string): WordDiff {
  const parts: DiffPart[] = [];
  let removedWords = 0;
  let addedWords = 0;
  for (const change of diffWords(before, after)) {
    const kind: DiffKind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    if (kind === 'added') addedWords += countWords(change.value);
    if (kind === 'removed') removedWords += countWords(change.value);
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return { parts, removedWords, addedWords };
}

/** True when the two texts differ in more than whitespace. */
export function differs(before: string, after: string): boolean {
  return before.trim().split(/\s+/u).join(' ') !== after.trim().split(/\s+/u).join(' ');
}
