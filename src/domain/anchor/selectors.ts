// W3C Web Annotation selectors for a span of one paragraph's text (offsets in code points).
import { codePointLength, sliceCodePoints, utf16ToCodePoint } from '../text/index.ts';

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface TextAnchorSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Context kept on each side of the quote, in code points. */
export const CONTEXT_LENGTH = 32;

/**
 * Describes the span [start, end) of `text`, given in code points, as a quote and a position selector.
 * Returns null for an empty span.
 */
export function describeSpan(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): TextAnchorSelectors | null {
  const length = codePointLength(text);
  const a = Math.max(0, Math.min(start, end, length));
  const b = Math.min(length, Math.max(start, end));
  if (b <= a) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: sliceCodePoints(text, a, b),
      prefix: sliceCodePoints(text, Math.max(0, a - contextLength), a),
      suffix: sliceCodePoints(text, b, Math.min(length, b + contextLength)),
    },
    position: { type: 'TextPositionSelector', start: a, end: b },
  };
}

/**
 * Describes a selection given as UTF-16 offsets into `text` (what a DOM Range yields).
 * Whitespace at the edges of the selection is trimmed, as a reader rarely means to quote it.
 */
export function describeUtf16Range(text: string, startUtf16: number, endUtf16: number, contextLength = CONTEXT_LENGTH): TextAnchorSelectors | null {
  let a = Math.max(0, Math.min(startUtf16, endUtf16));
  let b = Math.min(text.length, Math.max(startUtf16, endUtf16));
  while (a < b && /\s/u.test(text[a] ?? '')) a++;
  while (b > a && /\s/u.test(text[b - 1] ?? '')) b--;
  return describeSpan(text, utf16ToCodePoint(text, a), utf16ToCodePoint(text, b), contextLength);
}
