// W3C Web Annotation selectors for a span of one paragraph's text (offsets in code points), and
// describe(): the first half of anchoring, whose inverse is anchor() in match-quote.ts.
import { codePoints } from '../text/index.ts';

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

/** A span of a paragraph's text, in code points, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** Context kept on each side of the quote, in code points. */
export const CONTEXT_LENGTH = 32;

/**
 * Describes `range` of `text` as a quote (with context) and a position selector. Whitespace at
 * the edges of the range is left out, as a reader rarely means to quote it. Null for an empty span.
 */
export function describe(text: string, range: TextRange, contextLength = CONTEXT_LENGTH): TextAnchorSelectors | null {
  const chars = codePoints(text);
  let a = Math.max(0, Math.min(range.start, range.end, chars.length));
  let b = Math.min(chars.length, Math.max(range.start, range.end));
  while (a < b && /\s/u.test(chars[a]!)) a++;
  while (b > a && /\s/u.test(chars[b - 1]!)) b--;
  if (b <= a) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: chars.slice(a, b).join(''),
      prefix: chars.slice(Math.max(0, a - contextLength), a).join(''),
      suffix: chars.slice(b, b + contextLength).join(''),
    },
    position: { type: 'TextPositionSelector', start: a, end: b },
  };
}
