// CSV of notes: one line per note and per reply (RFC 4180, UTF-8 with a byte-order mark so
// spreadsheets read the Chinese), safe to open in a spreadsheet: no cell starts a formula.
import { personName, type ExportDocument, type ExportFile, type ExportOptions } from './model.ts';
import { buildRows, selectRows } from './rows.ts';
import { fileStem, isoDate } from './text-utils.ts';

export const NOTE_CSV_COLUMNS = [
  'document', 'document_id', 'paragraphs', 'paragraph_id', 'type', 'id', 'reply_to', 'kind', 'status', 'author', 'created', 'modified',
  'target', 'quote', 'prefix', 'suffix', 'start', 'end', 'text', 'tags', 'reviewer', 'reviewed', 'review_comment',
] as const;

// Spreadsheets run a cell as a formula when it starts with one of these (full-width forms too).
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** A cell's text made inert: a leading formula character is escaped with an apostrophe. */
export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = inertCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeNotesCsv(doc: ExportDocument, options: ExportOptions): ExportFile {
  const rows = selectRows(buildRows(doc, options.notes === 'none' ? 'shared' : options.notes), options.rows);
  const lines: string[] = [NOTE_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    for (const note of row.notes) {
      const paragraph = row.paragraphs.find((p) => p.id === note.paragraphId) ?? row.head;
      const common = [doc.title, doc.id, String(paragraph.position), paragraph.id];
      lines.push(
        [
          ...common, 'note', note.id, null, note.kind, note.status, personName(doc, note.authorId), isoDate(note.createdAt), isoDate(note.updatedAt),
          note.target, note.exact, note.prefix, note.suffix, note.start, note.end, note.text.trim(), note.tags.join(' '),
          personName(doc, note.reviewedBy), isoDate(note.reviewedAt), note.reviewComment,
        ].map(field).join(','),
      );
      for (const reply of note.replies) {
        lines.push(
          [
            ...common, 'reply', reply.id, note.id, null, null, personName(doc, reply.authorId), isoDate(reply.createdAt), isoDate(reply.updatedAt),
            null, null, null, null, null, null, reply.text.trim(), null, null, null, null,
          ].map(field).join(','),
        );
      }
    }
  }
  return { name: `${fileStem(doc.title)}.notes.csv`, mime: 'text/csv; charset=utf-8', data: `\ufeff${lines.join('\r\n')}\r\n` };
}
