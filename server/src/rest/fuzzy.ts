/**
 * Fuzzy matching for "Perhaps you meant …" hints, after the fuzzyset algorithm PostgREST uses:
 * cosine similarity over 3-grams then 2-grams, re-ranked by Levenshtein distance.
 */

const normalise = (s: string): string => s.toLowerCase();

function grams(value: string, size: number): Map<string, number> {
  let s = `-${normalise(value)}-`;
  if (s.length < size) s += '-'.repeat(size - s.length);
  const out = new Map<string, number>();
  for (let i = 0; i + size <= s.length; i++) {
    const g = s.slice(i, i + size);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function norm(m: Map<string, number>): number {
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

/** Candidates scored against `value`, best first. */
export function fuzzyMatches(candidates: string[], value: string, minScore: number): [number, string][] {
  for (const size of [3, 2]) {
    const q = grams(value, size);
    const qn = norm(q);
    const scored: [number, string][] = [];
    for (const c of candidates) {
      const g = grams(c, size);
      let dot = 0;
      for (const [k, v] of q) dot += v * (g.get(k) ?? 0);
      if (dot === 0) continue;
      scored.push([dot / (qn * norm(g)), c]);
    }
    if (scored.length === 0) continue;
    scored.sort((a, b) => b[0] - a[0]);
    const nv = normalise(value);
    const rescored = scored.slice(0, 50).map(([, c]): [number, string] => {
      const nc = normalise(c);
      const len = Math.max(nv.length, nc.length);
      return [len === 0 ? 1 : 1 - levenshtein(nv, nc) / len, c];
    });
    rescored.sort((a, b) => b[0] - a[0]);
    const kept = rescored.filter(([s]) => s >= minScore);
    if (kept.length) return kept;
  }
  return [];
}

export function fuzzyBest(candidates: string[], value: string, minScore: number): string | undefined {
  return fuzzyMatches(candidates, value, minScore)[0]?.[1];
}
