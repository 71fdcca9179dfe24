// Public types of the zh→en paragraph aligner. Indices are 0-based paragraph (or sentence) positions.

import type { TranslationTable } from '../dictionary/index.ts';

export interface GlossaryTerm {
  zh: string;
  en: string;
}

/** A link given by position only: what the user confirmed, or what a gold file holds. */
export interface LinkSpec {
  zh: number[];
  en: number[];
}

export interface AlignOptions {
  glossary?: readonly GlossaryTerm[];
  /** Links the translator confirmed; they are kept as they are and the rest is aligned around them. */
  confirmed?: readonly LinkSpec[];
  /** English characters per Chinese character to start from (otherwise estimated from the texts). */
  ratio?: number;
  /**
   * Use the built-in lexicon of official-text words as weak evidence (default true). Turning it off
   * saves about a third of the time on very long documents, at some cost in accuracy on close calls.
   */
  lexicon?: boolean;
  /**
   * A Chinese → English translation table (CC-CEDICT compiled, see domain/dictionary): its words
   * replace the built-in lexicon's as evidence, and a second pass learns word pairs from the first.
   */
  dictionary?: TranslationTable;
  /** Text pairs people confirmed in this project (earlier alignments): word pairs are learned from them too. */
  confirmedPairs?: readonly TextPair[];
}

/** A Chinese text and the English people confirmed as its translation. */
export interface TextPair {
  zh: string;
  en: string;
}

/** Shapes of a link, "zh-en": 1-2 means one Chinese paragraph rendered as two English ones. */
export type BeadShape = '1-1' | '1-0' | '0-1' | '2-1' | '1-2' | '2-2' | '3-1' | '1-3' | 'other';

export type LandmarkKind =
  | 'number'
  | 'date'
  | 'percent'
  | 'ordinal'
  | 'section'
  | 'title'
  | 'glossary'
  /** A Latin-script word of the Chinese kept as it is in English (EXPO, APEC). */
  | 'verbatim'
  /** Brackets, quotation marks, a closing ! ? or :. */
  | 'punctuation'
  /** A word of the built-in lexicon of official texts (合作 = cooperation). */
  | 'lexicon'
  /** A word of the dictionary (CC-CEDICT, the glossary, pairs learned from confirmed links). */
  | 'dictionary';

export type LengthFit = 'good' | 'fair' | 'poor';

export type Reason =
  | {
      kind: 'length';
      /** English characters per Chinese character in this link. */
      ratio: number;
      /** The ratio the model expected (fitted on the document). */
      expected: number;
      /** Standardised deviation of the English length from the expected one. */
      deviation: number;
      /** The link's English length (characters, runs of white space as one) and the range expected for a good fit. */
      english: number;
      low: number;
      high: number;
      fit: LengthFit;
      text: string;
    }
  | { kind: 'landmark-match'; landmark: LandmarkKind; zh: string; en: string; text: string }
  | { kind: 'landmark-missing'; landmark: LandmarkKind; side: 'zh' | 'en'; value: string; text: string }
  | { kind: 'shape'; shape: BeadShape; text: string }
  | { kind: 'unmatched'; side: 'zh' | 'en'; text: string }
  | { kind: 'confirmed'; text: string }
  | { kind: 'edited'; text: string };

export interface Link {
  zh: number[];
  en: number[];
  /** In [0, 1]: how clearly this link beats the alternatives around it. */
  confidence: number;
  reasons: Reason[];
}

export interface AlignResult {
  links: Link[];
  /** English characters per Chinese character, as fitted on this document. */
  ratio: number;
}

/** A row of the alignment editor: a link plus whether the translator confirmed it. */
export interface AlignRow extends Link {
  confirmed: boolean;
}
