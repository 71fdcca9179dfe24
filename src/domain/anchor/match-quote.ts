// anchor(): finds where described selectors now point in (possibly edited) text, the inverse of
// describe() in selectors.ts. Position hint first, then exact and approximate matches scored on
// quote, prefix, suffix and distance from the hint.
import { codePoints } from '../text/index.ts';
import type { TextAnchorSelectors, TextRange } from './selectors.ts';

export interface AnchorMatch extends TextRange {
  /** 0..1, 1 = quote, context and position all as recorded. */
  score: number;
  /** Edit distance between the recorded quote and the matched text. */
  errors: number;
}

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** Levenshtein distance between two code point arrays. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function similarity(recorded: readonly string[], found: readonly string[]): number {
  if (recorded.length === 0) return 1;
  return Math.max(0, 1 - editDistance(recorded, found) / recorded.length);
}

function arraysEqualAt(text: readonly string[], at: number, quote: readonly string[]): boolean {
  if (at < 0 || at + quote.length > text.length) return false;
  for (let i = 0; i < quote.length; i++) if (text[at + i] !== quote[i]) return false;
  return true;
}

/** All start offsets where `quote` occurs exactly in `text`. */
function exactOccurrences(text: readonly string[], quote: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i + quote.length <= text.length; i++) if (arraysEqualAt(text, i, quote)) found.push(i);
  return found;
}

/**
 * Approximate occurrences (Sellers' semi-global edit distance): for every end offset whose distance
 * is within `maxErrors` and a local minimum, the best start and the error count.
 */
function approximateOccurrences(text: readonly string[], quote: readonly string[], maxErrors: number) {
  const m = quote.length;
  // dist[i] / start[i]: best alignment of quote[0..i) ending at the current text offset.
  let dist = Array.from({ length: m + 1 }, (_, i) => i);
  let start = new Array<number>(m + 1).fill(0);
  let nextDist = new Array<number>(m + 1).fill(0);
  let nextStart = new Array<number>(m + 1).fill(0);
  const ends: { start: number; end: number; errors: number }[] = [];
  for (let j = 1; j <= text.length; j++) {
    nextDist[0] = 0;
    nextStart[0] = j;
    for (let i = 1; i <= m; i++) {
      const sub = dist[i - 1]! + (quote[i - 1] === text[j - 1] ? 0 : 1);
      const del = dist[i]! + 1; // text char not in quote
      const ins = nextDist[i - 1]! + 1; // quote char missing from text
      let best = sub;
      let bestStart = start[i - 1]!;
      if (del < best) {
        best = del;
        bestStart = start[i]!;
      }
      if (ins < best) {
        best = ins;
        bestStart = nextStart[i - 1]!;
      }
      nextDist[i] = best;
      nextStart[i] = bestStart;
    }
    [dist, nextDist] = [nextDist, dist];
    [start, nextStart] = [nextStart, start];
    const errors = dist[m]!;
    if (errors <= maxErrors) ends.push({ start: start[m]!, end: j, errors });
  }
  // Keep the best end per start so one fuzzy match is not reported once per trailing character.
  const byStart = new Map<number, { start: number; end: number; errors: number }>();
  for (const e of ends) {
    const old = byStart.get(e.start);
    if (!old || e.errors < old.errors) byStart.set(e.start, e);
  }
  return [...byStart.values()];
}

/**
 * Finds where the annotated span now is in `text`. Returns null when the quote cannot be found
 * with at most a quarter of its characters changed (the annotation is then orphaned).
 */
export function anchor(text: string, selectors: TextAnchorSelectors): AnchorMatch | null {
  const chars = codePoints(text);
  const quote = codePoints(selectors.quote.exact);
  if (quote.length === 0) return null;
  const prefix = codePoints(selectors.quote.prefix);
  const suffix = codePoints(selectors.quote.suffix);
  const hint = selectors.position.start;

  // Fast path: the text at the recorded position is still the quote, with the same context.
  if (
    arraysEqualAt(chars, hint, quote) &&
    arraysEqualAt(chars, hint - prefix.length, prefix) &&
    arraysEqualAt(chars, hint + quote.length, suffix)
  ) {
    return { start: hint, end: hint + quote.length, score: 1, errors: 0 };
  }

  let candidates = exactOccurrences(chars, quote).map((s) => ({ start: s, end: s + quote.length, errors: 0 }));
  if (candidates.length === 0) {
    const maxErrors = Math.floor(quote.length / 4);
    if (maxErrors === 0) return null;
    candidates = approximateOccurrences(chars, quote, maxErrors);
  }
  if (candidates.length === 0) return null;

  let best: AnchorMatch | null = null;
  for (const c of candidates) {
    const quoteScore = 1 - c.errors / quote.length;
    const before = chars.slice(Math.max(0, c.start - prefix.length), c.start);
    const after = chars.slice(c.end, c.end + suffix.length);
    const prefixScore = similarity(prefix, before);
    const suffixScore = similarity(suffix, after);
    const positionScore = chars.length === 0 ? 1 : 1 - Math.min(1, Math.abs(c.start - hint) / chars.length);
    const score =
      (quoteScore * QUOTE_WEIGHT +
        prefixScore * PREFIX_WEIGHT +
        suffixScore * SUFFIX_WEIGHT +
        positionScore * POSITION_WEIGHT) /
      TOTAL_WEIGHT;
    if (!best || score > best.score) best = { start: c.start, end: c.end, score, errors: c.errors };
  }
  return best;
}
