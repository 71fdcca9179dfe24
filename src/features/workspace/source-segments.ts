// Splits text into runs covered by the same set of anchored notes (or terms, or matches), for
// <mark>ing: a paragraph's Chinese by code points, a run of the English by UTF-16 offsets.
import { codePointToUtf16 } from '../../domain/text/index.ts';

export interface AnchoredSpan {
  id: string;
  /** Code point offsets. */
  start: number;
  end: number;
}

export interface SourceSegment {
  text: string;
  /** Ids of the notes covering this run (empty = plain text). */
  ids: string[];
}

/** A run of text between span edges: where it starts (UTF-16) and the ids of the spans covering it. */
export interface CutRun {
  at: number;
  text: string;
  ids: string[];
}

/**
 * Cuts `text` at the edges of `spans` (UTF-16 offsets into it; parts outside it are ignored): each
 * run with where it starts and the ids of the spans covering it, neighbours with the same ids joined.
 */
export function cutAtSpans(text: string, spans: readonly { id: string; start: number; end: number }[]): CutRun[] {
  const inside = spans.filter((s) => s.end > s.start && s.end > 0 && s.start < text.length);
  const bounds = new Set<number>([0, text.length]);
  for (const s of inside) {
    bounds.add(Math.max(s.start, 0));
    bounds.add(Math.min(s.end, text.length));
  }
  const points = [...bounds].sort((a, b) => a - b);
  const runs: CutRun[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (b <= a) continue;
    const ids = inside.filter((s) => s.start <= a && s.end >= b).map((s) => s.id);
    const last = runs.at(-1);
    if (last && last.ids.join() === ids.join()) last.text += text.slice(a, b);
    else runs.push({ at: a, text: text.slice(a, b), ids });
  }
  return runs;
}

export function sourceSegments(text: string, spans: readonly AnchoredSpan[]): SourceSegment[] {
  if (spans.length === 0) return [{ text, ids: [] }];
  const toUnit = (cp: number) => codePointToUtf16(text, cp);
  const units = spans.map((s) => ({ id: s.id, start: toUnit(s.start), end: toUnit(s.end) }));
  return cutAtSpans(text, units).map(({ text, ids }) => ({ text, ids }));
}
