// QA of a whole document: every row's checks, plus the consistency of rows that hold the same
// Chinese (within the document, and with translations elsewhere in the project when given).
import type { GlossaryMatcher, MatchableTerm } from '../glossary/index.ts';
import { checkRow, normaliseSpace } from './checks.ts';
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
const SPACES = /[\s\u3000]/;
const ALL_SPACES = /[\s\u3000]+/g;

export function sourceKey(zh: string): string {
  return SPACES.test(zh) ? zh.replace(ALL_SPACES, '') : zh;
}

export interface QaDocumentOptions {
  glossary?: GlossaryMatcher<MatchableTerm> | undefined;
  /** Translations of the same Chinese in other documents of the project, by sourceKey. */
  elsewhere?: ReadonlyMap<string, ReadonlyArray<{ text: string; where: string }>> | undefined;
}

/** Where another document renders the same Chinese: its rows as "Title ¶12, ¶15", and how many more. */
export function placesLabel(places: ReadonlyArray<{ document_title: string; position: number }>, occurrences = places.length): string {
  const byTitle = new Map<string, number[]>();
  for (const p of places) byTitle.set(p.document_title, [...(byTitle.get(p.document_title) ?? []), p.position]);
  const listed = [...byTitle].map(([title, positions]) => `${title} ${positions.map((n) => `¶${n}`).join(', ')}`).join('; ');
  return occurrences > places.length ? `${listed} (+${occurrences - places.length})` : listed;
}

/** Rows named in a message: the first few, then how many more. */
function labelList(labels: readonly string[]): string {
  return labels.length <= 5 ? labels.join(', ') : `${labels.slice(0, 5).join(', ')} (+${labels.length - 5})`;
}

/** Every row with at least one finding, in document order. */
export function checkDocument(rows: readonly QaDocumentRow[], options: QaDocumentOptions = {}): QaRowResult[] {
  // Rows holding the same Chinese, and the distinct English each group has (with where it is).
  const groups = new Map<string, Map<string, string[]>>();
  const keys = rows.map((row) => sourceKey(row.zh));
  const english = rows.map((row) => normaliseSpace(row.en));
  rows.forEach((row, i) => {
    if (english[i] === '') return;
    let renderings = groups.get(keys[i]!);
    if (!renderings) groups.set(keys[i]!, (renderings = new Map()));
    const labels = renderings.get(english[i]!);
    if (labels) labels.push(row.label);
    else renderings.set(english[i]!, [row.label]);
  });
  const out: QaRowResult[] = [];
  rows.forEach((row, i) => {
    const external = options.elsewhere?.get(keys[i]!);
    const renderings = groups.get(keys[i]!);
    let elsewhere: Array<{ text: string; where: string }> | undefined;
    if ((renderings && renderings.size > 1) || external?.length) {
      elsewhere = [...(external ?? [])];
      for (const [text, labels] of renderings ?? []) if (text !== english[i]) elsewhere.push({ text, where: labelList(labels) });
    }
    const findings = checkRow({ zh: row.zh, en: row.en, glossary: options.glossary, elsewhere });
    if (findings.length) out.push({ rowId: row.id, findings });
  });
  return out;
}
