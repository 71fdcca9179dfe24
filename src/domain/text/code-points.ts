// Offsets in selectors count Unicode code points, while the DOM and JS strings count UTF-16 units.

/** Splits a string into code points (an astral character is one element). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  return utf16ToCodePoint(text, text.length);
}

/** Whether a surrogate pair (one astral code point) starts at UTF-16 index `i`. */
function pairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

/** Converts a UTF-16 offset into a code point offset; an offset inside a surrogate pair rounds down. */
export function utf16ToCodePoint(text: string, utf16Offset: number): number {
  const end = Math.max(0, Math.min(utf16Offset, text.length));
  let n = 0;
  let i = 0;
  while (i < end) {
    const isPair = pairAt(text, i);
    if (isPair && i + 1 >= end) break;
    i += isPair ? 2 : 1;
    n++;
  }
  return n;
}

/** Converts a code point offset into a UTF-16 offset (clamped to the string). */
export function codePointToUtf16(text: string, cpOffset: number): number {
  let n = 0;
  let i = 0;
  while (i < text.length && n < cpOffset) {
    const isPair = pairAt(text, i);
    i += isPair ? 2 : 1;
    n++;
  }
  return i;
}

/** Slice by code point offsets. */
export function sliceCodePoints(text: string, start: number, end?: number): string {
  const a = codePointToUtf16(text, start);
  const b = end === undefined ? text.length : codePointToUtf16(text, end);
  return text.slice(a, b);
}

/** `text` cut to at most `max` code points, with `ellipsis` after a cut (never inside a surrogate pair). */
export function truncateCodePoints(text: string, max: number, ellipsis = '…'): string {
  const end = codePointToUtf16(text, max);
  return end >= text.length ? text : text.slice(0, end) + ellipsis;
}
