// Maps a DOM selection inside a rendered source paragraph to code point offsets of the paragraph
// text (what describe() takes). The paragraph element renders the text verbatim (marks only wrap
// runs), so its text is the paragraph's.
import { utf16ToCodePoint } from '../../domain/text/index.ts';
import { RUN_ATTRIBUTE } from './note-marks.ts';

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

/** Text nodes of the paragraph's own text: pinyin above it (<rt>) is not part of the text. */
function textNodes(root: HTMLElement): Text[] {
  const out: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('rt') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
  return out;
}

/** The paragraph text as rendered, without pinyin. */
export function sourceText(root: HTMLElement): string {
  return textNodes(root)
    .map((n) => n.data)
    .join('');
}

function offsetWithin(root: HTMLElement, container: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  let length = 0;
  for (const node of textNodes(root)) {
    if (node === container) return length + offset;
    // A text node ending past the end point is after it (the point is not inside it: see above).
    if (range.comparePoint(node, node.data.length) > 0) break;
    length += node.data.length;
  }
  return length;
}

/** Selects [start, end) of a source paragraph (UTF-16 offsets into its text). */
export function selectSourceRange(root: HTMLElement, start: number, end: number): void {
  const locate = (at: number): [Node, number] | null => {
    let seen = 0;
    for (const node of textNodes(root)) {
      if (at <= seen + node.data.length) return [node, at - seen];
      seen += node.data.length;
    }
    return null;
  };
  const a = locate(start);
  const b = locate(end);
  const selection = window.getSelection();
  if (!a || !b || !selection) return;
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  selection.removeAllRanges();
  selection.addRange(range);
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
  const text = sourceText(startEl);
  const start = utf16ToCodePoint(text, offsetWithin(startEl, range.startContainer, range.startOffset));
  const end = utf16ToCodePoint(text, offsetWithin(startEl, range.endContainer, range.endOffset));
  if (end <= start) return null;
  return { paragraphId, element: startEl, start, end };
}

/** The element of the source paragraph a node sits in, if any. */
export function sourceElement(node: Node | null): HTMLElement | null {
  return sourceElementOf(node);
}

export const TRANSLATION_ATTRIBUTE = 'data-translation-paragraph';

/** Where a DOM point falls in the English's plain text (UTF-16), from the runs' data-at offsets. */
export function englishOffset(root: HTMLElement, node: Node, offset: number): number | null {
  const runOf = (n: Node | null) => (n instanceof Element ? n : (n?.parentElement ?? null))?.closest<HTMLElement>(`[${RUN_ATTRIBUTE}]`) ?? null;
  const at = (run: HTMLElement) => Number(run.getAttribute(RUN_ATTRIBUTE));
  if (node.nodeType === Node.TEXT_NODE) {
    const run = runOf(node);
    if (run && root.contains(run)) return at(run) + offset;
  }
  const inside = runOf(node);
  if (inside && root.contains(inside)) return at(inside) + (offset === 0 ? 0 : (inside.textContent ?? '').length);
  const runs = root.querySelectorAll<HTMLElement>(`[${RUN_ATTRIBUTE}]`);
  if (runs.length === 0) return null;
  const point = document.createRange();
  point.setStart(node, offset);
  for (const run of runs) {
    // The first run that starts at or after the point: the point sits at its start.
    if (point.comparePoint(run, 0) >= 0) return at(run);
  }
  const last = runs[runs.length - 1]!;
  return at(last) + (last.textContent ?? '').length;
}

export interface TranslationSelection {
  paragraphId: string;
  /** The selected words, spaces collapsed (for the concordance). */
  text: string;
  /** The selection in the translation's plain text (UTF-16 offsets), when it maps onto it. */
  range: { start: number; end: number } | null;
}

/** The selected English if the selection lies within one row's read-only translation, else null. */
export function readTranslationSelection(selection: Selection | null): TranslationSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const of = (node: Node | null) => (node instanceof Element ? node : (node?.parentElement ?? null))?.closest<HTMLElement>(`[${TRANSLATION_ATTRIBUTE}]`) ?? null;
  const el = of(range.startContainer);
  if (!el || el !== of(range.endContainer)) return null;
  const text = range.toString().replace(/\s+/g, ' ').trim();
  const paragraphId = el.getAttribute(TRANSLATION_ATTRIBUTE);
  if (!text || !paragraphId) return null;
  const start = englishOffset(el, range.startContainer, range.startOffset);
  const end = englishOffset(el, range.endContainer, range.endOffset);
  return { paragraphId, text, range: start !== null && end !== null && end > start ? { start, end } : null };
}
