// Find in the open document: every occurrence of a query in the loaded rows' Chinese and English,
// in reading order, and the highlights each row shows. Rows are virtualised, so the browser's own
// find sees only the rows on screen; this one sees them all and scrolls to each.
import { findMatches, type TextRange } from '../../domain/search/index.ts';
import type { Paragraph } from '../../data/paragraphs.ts';
import type { SpanCover } from './span-cover.ts';

export interface FindMatch {
  /** Index of the grid row showing it (the head row, for a paragraph a translation's span covers). */
  rowIndex: number;
  /** The head paragraph of that row. */
  rowId: string;
  /** The paragraph whose Chinese holds it (the head for English matches). */
  paragraphId: string;
  field: 'source' | 'translation';
  /** UTF-16 offsets in the paragraph's text or the translation's plain text. */
  start: number;
  end: number;
}

/** What one row highlights: ranges per paragraph of its Chinese, ranges of its English, and the current match if it is here. */
export interface RowFind {
  source: Map<string, TextRange[]>;
  translation: TextRange[];
  current: FindMatch | null;
}

export function findInRows(rows: readonly Paragraph[], cover: SpanCover, query: string): FindMatch[] {
  if (query.trim() === '') return [];
  const out: FindMatch[] = [];
  const index = new Map(rows.map((p, i) => [p.id, i]));
  rows.forEach((p, i) => {
    if (cover.coveredIds.has(p.id)) return;
    for (const q of [p, ...(cover.covered.get(p.id) ?? [])]) {
      for (const r of findMatches(q.text, query)) out.push({ rowIndex: i, rowId: p.id, paragraphId: q.id, field: 'source', ...r });
    }
    for (const r of findMatches(p.translations?.text ?? '', query)) {
      out.push({ rowIndex: index.get(p.id) ?? i, rowId: p.id, paragraphId: p.id, field: 'translation', ...r });
    }
  });
  return out;
}

/** Highlights by row id, for the rows that have any. */
export function rowFinds(matches: readonly FindMatch[], current: number): Map<string, RowFind> {
  const byRow = new Map<string, RowFind>();
  matches.forEach((m, i) => {
    let row = byRow.get(m.rowId);
    if (!row) byRow.set(m.rowId, (row = { source: new Map(), translation: [], current: null }));
    if (m.field === 'translation') row.translation.push(m);
    else {
      const list = row.source.get(m.paragraphId);
      if (list) list.push(m);
      else row.source.set(m.paragraphId, [m]);
    }
    if (i === current) row.current = m;
  });
  return byRow;
}
