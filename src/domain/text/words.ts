// Word boundaries of Chinese text (Intl.Segmenter, granularity "word": dictionary-based in ICU,
// in Chromium and Node alike), for snapping a selection to whole words; and the characters words
// are made of.

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Whether the character at UTF-16 offset `at` (the whole code point starting there) is a letter or
 * a digit, in any script; false outside the text. ASCII is decided without a regular expression.
 */
export function isLetterOrDigitAt(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at)!));
}

let segmenter: Intl.Segmenter | undefined;

function zhSegmenter(): Intl.Segmenter | undefined {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return undefined;
  return (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));
}

/** Word boundaries (UTF-16 offsets, 0 and the length included). */
export function wordBoundaries(text: string): number[] {
  const seg = zhSegmenter();
  if (!seg) return Array.from({ length: text.length + 1 }, (_, i) => i);
  const out = [0];
  for (const s of seg.segment(text)) out.push(s.index + s.segment.length);
  return out;
}

/**
 * The selection [start, end) (UTF-16 offsets) widened to the words it touches: a selection that
 * starts or ends inside a word takes the whole word. Spaces and punctuation at either end are left
 * out. Without Intl.Segmenter the selection stays as it is.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } {
  if (end <= start || !zhSegmenter()) return { start, end };
  const bounds = wordBoundaries(text);
  let s = start;
  let e = end;
  for (let i = bounds.length - 1; i >= 0; i--) {
    if (bounds[i]! <= start) {
      s = bounds[i]!;
      break;
    }
  }
  for (const b of bounds) {
    if (b >= end) {
      e = b;
      break;
    }
  }
  // Never widen onto spaces or punctuation the user did not select.
  while (s < start && /[\s\p{P}]/u.test(text[s]!)) s++;
  while (e > end && /[\s\p{P}]/u.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
