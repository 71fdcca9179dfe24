// Translation memory's match percentage: character-level edit similarity on normalised Chinese
// (folded as search folds, spaces dropped), and the character differences to highlight.
import { searchFold } from './fold.ts';

/** Chinese as the memory compares it (the same as private.tm_norm). */
export function normaliseChinese(text: string): string {
  return searchFold(text).replaceAll(' ', '');
}

/** Levenshtein distance between two strings, counted in code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/** 1 − distance / longer length, on normalised Chinese: 1 for the same text, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const x = normaliseChinese(a);
  const y = normaliseChinese(b);
  const longest = Math.max(Array.from(x).length, Array.from(y).length);
  if (longest === 0) return 1;
  return 1 - editDistance(x, y) / longest;
}

/** The similarity as the screen shows it: a whole percentage, 100 only for identical normalised text. */
export function matchPercent(a: string, b: string): number {
  const s = editSimilarity(a, b);
  return s === 1 ? 100 : Math.min(99, Math.floor(s * 100));
}

export interface DiffSegment {
  text: string;
  /** equal: in both; insert: only in the suggestion's text; delete: only in the row's text. */
  op: 'equal' | 'insert' | 'delete';
}

const NONE = -(2 ** 30);

/**
 * How `suggestion` differs from `row`, character by character (folded alike), as runs of the two
 * texts in order: what both share, what only the suggestion has, what only the row has. Among the
 * alignments sharing the most characters it prefers long runs and matches at the same place in
 * both texts, so 二〇一四年五月 against 二〇一五年六月 reads 四→五, 年, 五→六, 月 rather than
 * pairing the month of one with the year of the other.
 */
export function diffChinese(row: string, suggestion: string): DiffSegment[] {
  const a = Array.from(row);
  const b = Array.from(suggestion);
  const n = a.length;
  const m = b.length;
  // Past about a million cells the tables cost more than highlights are worth.
  if ((n + 1) * (m + 1) > 1_000_000) return suggestion ? [{ op: 'equal', text: suggestion }] : [];
  const fa = a.map((c) => searchFold(c));
  const fb = b.map((c) => searchFold(c));
  const w = m + 1;
  // best[i,j]: the best score of a[i:] against b[j:]; run[i,j]: the same, given a[i] pairs with b[j].
  // A shared character scores 1000, less its offset between the texts; continuing a run adds 10.
  const best = new Int32Array((n + 1) * w);
  const run = new Int32Array((n + 1) * w).fill(NONE);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const at = i * w + j;
      if (fa[i] === fb[j]) {
        const next = at + w + 1;
        const go = run[next]! > NONE ? 10 + run[next]! : NONE;
        run[at] = 1000 - Math.abs(i - j) + Math.max(go, best[next]!);
      }
      best[at] = Math.max(run[at]!, best[at + w]!, best[at + 1]!);
    }
  }
  const out: DiffSegment[] = [];
  const push = (op: DiffSegment['op'], ch: string) => {
    const last = out.at(-1);
    if (last?.op === op) last.text += ch;
    else out.push({ op, text: ch });
  };
  let i = 0;
  let j = 0;
  let inRun = false;
  while (i < n && j < m) {
    const at = i * w + j;
    if (inRun || (run[at]! > NONE && run[at] === best[at])) {
      push('equal', b[j]!);
      const next = at + w + 1;
      inRun = run[next]! > NONE && 10 + run[next]! >= best[next]!;
      i++;
      j++;
    } else if (best[at] === best[at + w]) {
      push('delete', a[i]!);
      i++;
    } else {
      push('insert', b[j]!);
      j++;
    }
  }
  while (i < n) push('delete', a[i++]!);
  while (j < m) push('insert', b[j++]!);
  return out;
}
