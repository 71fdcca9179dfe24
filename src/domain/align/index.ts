// Duizhao's zh→en paragraph (and sentence) aligner: pure functions, usable in a Web Worker.
export { align } from './align.ts';
export { alignSentences, englishCut, type SentenceAlignment } from './sentences.ts';
export { CHECK_BELOW, confidenceOfMargin } from './calibration.ts';
export {
  confirmRow,
  confirmThrough,
  coverageProblem,
  markUnmatched,
  mergeWithNext,
  realign,
  shiftBoundary,
  splitEnglishParagraph,
  splitRow,
  toRows,
  type Side,
} from './edit.ts';
export { laxScore, strictScore, type Score } from './evaluate.ts';
export {
  detectLanguage,
  splitEnSentences,
  splitParagraphs,
  splitSentences,
  splitZhSentences,
  type Language,
  type SplitParagraphOptions,
} from './split.ts';
export type {
  AlignOptions,
  AlignResult,
  AlignRow,
  LandmarkKind,
  BeadShape,
  GlossaryTerm,
  LengthFit,
  Link,
  LinkSpec,
  Reason,
  TextPair,
} from './types.ts';
export { extractEnLandmarks, extractZhLandmarks, type Mention } from './landmarks.ts';
