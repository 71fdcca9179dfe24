// Splits a paragraph's text into runs covered by the same set of anchored notes, for <mark>ing.
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

export function sourceSegments(text: string, spans: readonly AnchoredSpan[]): SourceSegment[] {
  if (spans.length === 0) return [{ text, ids: [] }];
  const toUnit = (cp: number) => codePointToUtf16(text, cp);
  const bounds = new Set<number>([0, text.length]);
  const units = spans
    .map((s) => ({ id: s.id, start: toUnit(s.start), end: toUnit(s.end) }))
    .filter((s) => s.end > s.start);
  for (const s of units) {
    bounds.add(s.start);
    bounds.add(s.end);
  }
  const points = [...bounds].sort((a, b) => a - b);
  const segments: SourceSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (b <= a) continue;
    const ids = units.filter((s) => s.start <= a && s.end >= b).map((s) => s.id);
    const last = segments.at(-1);
    if (last && last.ids.join() === ids.join()) last.text += text.slice(a, b);
    else segments.push({ text: text.slice(a, b), ids });
  }
  return segments;
}
