/**
 * Fuzzy matching for "Perhaps you meant …" hints, as the fuzzyset library PostgREST uses does it:
 * an exact (case-insensitive) match wins; otherwise cosine similarity over 3-grams, then 2-grams,
 * of the text reduced to letters, digits, spaces and commas, the best 50 re-ranked by normalised
 * Levenshtein similarity of the lower-cased texts, and kept from 0.33 up.
 */

/** fuzzyset's default minimum score (its `get` / `getOne`). */
export const FUZZY_MIN_SCORE = 0.33;

const lower = (s: string): string => s.toLowerCase();
/** Letters, digits, spaces and commas, lower-cased (fuzzyset's `normalized`). */
const reduced = (s: string): string => lower(s).replace(/[^\p{L}\p{N}\s,]/gu, '');

/** n-grams of `-text-` (no padding: a text shorter than n yields none). */
function grams(value: string, size: number): Map<string, number> {
  const s = `-${reduced(value)}-`;
  const out = new Map<string, number>();
  for (let i = 0; i + size <= s.length; i++) {
    const g = s.slice(i, i + size);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function magnitude(m: Map<string, number>): number {
  let sum = 0;
  for (const v of m.values()) sum += v * v;
  return Math.sqrt(sum);
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** 1 for equal texts, 0 for nothing in common (text-metrics' levenshteinNorm). */
function similarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 1 : 1 - levenshtein(a, b) / len;
}

/** Candidates scored against `value`, best first, down to `minScore`. */
export function fuzzyMatches(candidates: string[], value: string, minScore = FUZZY_MIN_SCORE): [number, string][] {
  const key = lower(value);
  const exact = candidates.find((c) => lower(c) === key);
  if (exact !== undefined) return [[1, exact]];
  for (const size of [3, 2]) {
    const q = grams(value, size);
    const qn = magnitude(q);
    const scored: [number, string][] = [];
    for (const c of candidates) {
      const g = grams(c, size);
      let dot = 0;
      for (const [k, v] of q) dot += v * (g.get(k) ?? 0);
      if (dot === 0) continue;
      scored.push([dot / (qn * magnitude(g)), c]);
    }
    scored.sort((a, b) => b[0] - a[0]);
    const kept = scored
      .slice(0, 50)
      .map(([, c]): [number, string] => [similarity(key, lower(c)), c])
      .sort((a, b) => b[0] - a[0])
      .filter(([s]) => s >= minScore);
    if (kept.length) return kept;
  }
  return [];
}

/** The closest candidate, if any scores at least `minScore` (fuzzyset's `getOne`). */
export function fuzzyBest(candidates: string[], value: string, minScore = FUZZY_MIN_SCORE): string | undefined {
  return fuzzyMatches(candidates, value, minScore)[0]?.[1];
}
