// What a keyboard selection (Alt+C / Alt+T) selects, as a note's anchor: UTF-16 offsets in the
// field's text to W3C selectors of one paragraph (code points). A merged row's Chinese is its
// paragraphs joined by "\n"; a note goes on one of them, so a selection across two is refused.
import { describe, type TextAnchorSelectors } from '../../domain/anchor/index.ts';
import { utf16ToCodePoint } from '../../domain/text/index.ts';

export interface CaretAnchor {
  target: 'source' | 'translation';
  paragraphId: string;
  selectors: TextAnchorSelectors;
}

export function caretAnchor(
  side: 'zh' | 'en',
  range: { start: number; end: number },
  sources: readonly { id: string; text: string }[],
  english: { paragraphId: string; text: string },
): CaretAnchor | 'crosses' | null {
  const start = Math.min(range.start, range.end);
  const end = Math.max(range.start, range.end);
  if (start === end) return null;
  if (side === 'en') {
    const selectors = describe(english.text, { start: utf16ToCodePoint(english.text, start), end: utf16ToCodePoint(english.text, end) });
    return selectors ? { target: 'translation', paragraphId: english.paragraphId, selectors } : null;
  }
  let offset = 0;
  for (const p of sources) {
    const stop = offset + p.text.length;
    // A selection starting on the line break belongs to the next paragraph.
    if (start >= offset && start < stop) {
      if (end > stop) return 'crosses';
      const selectors = describe(p.text, { start: utf16ToCodePoint(p.text, start - offset), end: utf16ToCodePoint(p.text, end - offset) });
      return selectors ? { target: 'source', paragraphId: p.id, selectors } : null;
    }
    offset = stop + 1;
  }
  return null;
}
