// The database marks matches in snippets with two private-use characters; the screens turn them
// into highlights.

export const MARK_START = '\ue000';
export const MARK_END = '\ue001';

export interface MarkedSegment {
  text: string;
  hit: boolean;
}

/** Splits a marked snippet into plain and matched runs (empty runs dropped). */
export function splitMarks(marked: string): MarkedSegment[] {
  const out: MarkedSegment[] = [];
  let hit = false;
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ text: buffer, hit });
    buffer = '';
  };
  for (const ch of marked) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      hit = ch === MARK_START;
    } else buffer += ch;
  }
  flush();
  return out;
}

/** The snippet without its marks. */
export function stripMarks(marked: string): string {
  return marked.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}

export interface KwicLine {
  left: string;
  match: string;
  right: string;
  /** Which occurrence in the text (0-based). */
  occurrence: number;
}

/**
 * Keyword-in-context lines from a text whose occurrences are marked: one line per occurrence, with
 * up to `width` code points of context on each side (… where it was cut).
 */
export function kwicLines(marked: string, width = 24): KwicLine[] {
  const segments = splitMarks(marked);
  const lines: KwicLine[] = [];
  segments.forEach((segment, i) => {
    if (!segment.hit) return;
    const before = segments.slice(0, i).map((s) => s.text).join('');
    const after = segments.slice(i + 1).map((s) => s.text).join('');
    const left = Array.from(before);
    const right = Array.from(after);
    lines.push({
      left: (left.length > width ? '…' : '') + left.slice(-width).join(''),
      match: segment.text,
      right: right.slice(0, width).join('') + (right.length > width ? '…' : ''),
      occurrence: lines.length,
    });
  });
  return lines;
}
