// Messages between the document QA panel and the QA Web Worker.
import type { MatchableTerm } from '../domain/glossary/index.ts';
import type { QaDocumentRow, QaRowResult } from '../domain/qa/index.ts';

export interface QaRequest {
  id: number;
  rows: QaDocumentRow[];
  glossary: MatchableTerm[];
  /** Translations of the same Chinese elsewhere in the project, by sourceKey. */
  elsewhere: Array<[string, Array<{ text: string; where: string }>]>;
}

export type QaResponse = { id: number; ok: true; results: QaRowResult[]; ms: number } | { id: number; ok: false; message: string };
