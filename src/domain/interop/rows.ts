// Aligned rows: a translation renders its own paragraph and the `span - 1` after it, so one row
// holds one or more consecutive Chinese paragraphs and one English text; every format exports rows.
import type { ExportDocument, ExportNote, ExportParagraph, ExportTranslation, NoteSelection, RowSelection, TranslationStatus } from './model.ts';

export interface ExportRow {
  /** The row's first paragraph: its id is the row's stable id. */
  head: ExportParagraph;
  paragraphs: ExportParagraph[];
  translation: ExportTranslation | null;
  status: TranslationStatus;
  /** The Chinese of the row, paragraphs separated by '\n'. */
  source: string;
  /** The English of the row ('' when empty). */
  target: string;
  /** The notes on any of the row's paragraphs, in the order given. */
  notes: ExportNote[];
}

export function buildRows(doc: ExportDocument, notes: NoteSelection = 'shared'): ExportRow[] {
  const translations = new Map<string, ExportTranslation>();
  for (const t of doc.translations) translations.set(t.paragraphId, t);
  const notesByParagraph = new Map<string, ExportNote[]>();
  for (const n of selectNotes(doc.notes, notes)) {
    const list = notesByParagraph.get(n.paragraphId);
    if (list) list.push(n);
    else notesByParagraph.set(n.paragraphId, [n]);
  }
  const paragraphs = [...doc.paragraphs].sort((a, b) => a.position - b.position);
  const rows: ExportRow[] = [];
  let reach = 0;
  for (const p of paragraphs) {
    const last = rows[rows.length - 1];
    if (last && p.position <= reach) {
      last.paragraphs.push(p);
      last.source += `\n${p.text}`;
      last.notes.push(...(notesByParagraph.get(p.id) ?? []));
      continue;
    }
    const translation = translations.get(p.id) ?? null;
    reach = p.position + Math.max(1, translation?.span ?? 1) - 1;
    rows.push({
      head: p,
      paragraphs: [p],
      translation,
      status: translation?.status ?? 'empty',
      source: p.text,
      target: translation?.text.trim() === '' ? '' : (translation?.text ?? ''),
      notes: [...(notesByParagraph.get(p.id) ?? [])],
    });
  }
  return rows;
}

export function includesRow(row: Pick<ExportRow, 'status'>, selection: RowSelection): boolean {
  if (selection === 'approved') return row.status === 'approved';
  if (selection === 'translated') return row.status === 'translated' || row.status === 'approved';
  return true;
}

export function selectRows(rows: ExportRow[], selection: RowSelection): ExportRow[] {
  return selection === 'all' ? rows : rows.filter((r) => includesRow(r, selection));
}

/** Drafts are private to their authors and never leave Duizhao. */
export function selectNotes(notes: ExportNote[], selection: NoteSelection): ExportNote[] {
  if (selection === 'none') return [];
  if (selection === 'approved') return notes.filter((n) => n.status === 'approved');
  return notes.filter((n) => n.status !== 'draft');
}

/** The paragraph positions of a row as `5` or `5-7`. */
export function positionsLabel(row: Pick<ExportRow, 'paragraphs'>): string {
  const first = row.paragraphs[0]!.position;
  const last = row.paragraphs[row.paragraphs.length - 1]!.position;
  return first === last ? String(first) : `${first}-${last}`;
}
