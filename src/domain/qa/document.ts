// QA of a whole document: every row's checks, plus the consistency of rows that hold the same
// Chinese (within the document, and with translations elsewhere in the project when given).
import type { GlossaryMatcher, MatchableTerm } from '../glossary/index.ts';
import { checkRow } from './checks.ts';
import type { QaFinding } from './types.ts';

export interface QaDocumentRow {
  id: string;
  /** How the row is named to the user ("5", "5–7"): used to say where the other rendering is. */
  label: string;
  zh: string;
  en: string;
}

export interface QaRowResult {
  rowId: string;
  findings: QaFinding[];
}

/** The key under which the same Chinese meets itself (spaces and ideographic spaces ignored). */
export function sourceKey(zh: string): string {
  return zh.replace(/[\s\u3000]+/g, '');
}

export interface QaDocumentOptions {
  glossary?: GlossaryMatcher<MatchableTerm> | undefined;
  /** Translations of the same Chinese in other documents of the project, by sourceKey. */
  elsewhere?: ReadonlyMap<string, ReadonlyArray<{ text: string; where: string }>> | undefined;
}

/** Every row with at least one finding, in document order. */
export function checkDocument(rows: readonly QaDocumentRow[], options: QaDocumentOptions = {}): QaRowResult[] {
  const bySource = new Map<string, QaDocumentRow[]>();
  for (const row of rows) {
    if (row.en.trim() === '') continue;
    const key = sourceKey(row.zh);
    const list = bySource.get(key);
    if (list) list.push(row);
    else bySource.set(key, [row]);
  }
  const out: QaRowResult[] = [];
  for (const row of rows) {
    const key = sourceKey(row.zh);
    const twins = bySource.get(key);
    const external = options.elsewhere?.get(key);
    let elsewhere: Array<{ text: string; where: string }> | undefined;
    if ((twins && twins.length > 1) || external?.length) {
      elsewhere = [...(external ?? [])];
      for (const twin of twins ?? []) if (twin !== row) elsewhere.push({ text: twin.en, where: twin.label });
    }
    const findings = checkRow({ zh: row.zh, en: row.en, glossary: options.glossary, elsewhere });
    if (findings.length) out.push({ rowId: row.id, findings });
  }
  return out;
}
