// Maps a DOM selection inside a rendered source paragraph to code point offsets of the paragraph
// text (what describe() takes). The paragraph element renders the text verbatim (marks only wrap
// runs), so its text is the paragraph's.
import { utf16ToCodePoint } from '../../domain/text/index.ts';

export const SOURCE_ATTRIBUTE = 'data-source-paragraph';

export interface SourceSelection {
  paragraphId: string;
  element: HTMLElement;
  /** Code point offsets into the paragraph text. */
  start: number;
  end: number;
}

function sourceElementOf(node: Node | null): HTMLElement | null {
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  return el?.closest<HTMLElement>(`[${SOURCE_ATTRIBUTE}]`) ?? null;
}

function offsetWithin(root: HTMLElement, container: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** The selected span if the selection lies within one source paragraph, else null. */
export function readSourceSelection(selection: Selection | null): SourceSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const startEl = sourceElementOf(range.startContainer);
  const endEl = sourceElementOf(range.endContainer);
  if (!startEl || startEl !== endEl) return null;
  const paragraphId = startEl.getAttribute(SOURCE_ATTRIBUTE);
  if (!paragraphId) return null;
  const text = startEl.textContent ?? '';
  const start = utf16ToCodePoint(text, offsetWithin(startEl, range.startContainer, range.startOffset));
  const end = utf16ToCodePoint(text, offsetWithin(startEl, range.endContainer, range.endOffset));
  if (end <= start) return null;
  return { paragraphId, element: startEl, start, end };
}

export const TRANSLATION_ATTRIBUTE = 'data-translation-paragraph';

/** The selected English if the selection lies within one row's read-only translation, else null. */
export function readTranslationSelection(selection: Selection | null): { paragraphId: string; text: string } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const of = (node: Node | null) => (node instanceof Element ? node : (node?.parentElement ?? null))?.closest<HTMLElement>(`[${TRANSLATION_ATTRIBUTE}]`) ?? null;
  const el = of(range.startContainer);
  if (!el || el !== of(range.endContainer)) return null;
  const text = range.toString().replace(/\s+/g, ' ').trim();
  const paragraphId = el.getAttribute(TRANSLATION_ATTRIBUTE);
  return text && paragraphId ? { paragraphId, text } : null;
}
