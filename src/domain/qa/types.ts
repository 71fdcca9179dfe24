// What a QA check reports: a finding with its kind, severity, the spans involved in both texts and a
// message code the UI puts in words (en and zh).

export type QaKind =
  | 'number'
  | 'glossary'
  | 'empty'
  | 'untranslated'
  | 'inconsistent'
  | 'doubled-word'
  | 'brackets'
  | 'quotes'
  | 'full-width'
  | 'cjk'
  | 'spaces';

export const QA_KINDS: readonly QaKind[] = [
  'number', 'glossary', 'empty', 'untranslated', 'inconsistent', 'doubled-word', 'brackets', 'quotes', 'full-width', 'cjk', 'spaces',
];

export type QaSeverity = 'error' | 'warning';

/**
 * The message of a finding: one per situation, each with its own wording in the UI
 * (`qa.message.<code>`), filled in with `params`.
 */
export type QaCode =
  | 'number-missing'
  | 'number-different'
  | 'number-extra'
  | 'date-missing'
  | 'date-different'
  | 'percent-missing'
  | 'percent-different'
  | 'ordinal-missing'
  | 'term-missing'
  | 'term-forbidden'
  | 'empty'
  | 'untranslated'
  | 'inconsistent'
  | 'doubled-word'
  | 'bracket-unclosed'
  | 'bracket-unopened'
  | 'quote-unbalanced'
  | 'full-width'
  | 'cjk'
  | 'space-leading'
  | 'space-trailing'
  | 'space-double';

export interface QaSpan {
  side: 'zh' | 'en';
  /** UTF-16 offsets in the row's Chinese (paragraphs joined by "\n") or plain English. */
  start: number;
  end: number;
}

export interface QaFinding {
  kind: QaKind;
  code: QaCode;
  severity: QaSeverity;
  spans: QaSpan[];
  params: Record<string, string | number>;
  /**
   * Names the finding independently of where it sits, so that an ignored finding stays ignored
   * while the rest of the row is edited ("number-missing|400亿").
   */
  fingerprint: string;
}
