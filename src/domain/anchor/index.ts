// Anchoring notes to a paragraph's text: describe(text, range) → selectors, anchor(text, selectors) → range.
export { CONTEXT_LENGTH, describe, type TextAnchorSelectors, type TextPositionSelector, type TextQuoteSelector, type TextRange } from './selectors.ts';
export { anchor, type AnchorMatch } from './match-quote.ts';
