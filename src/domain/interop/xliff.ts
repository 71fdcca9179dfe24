// XLIFF 1.2 and 2.1: one unit per aligned row, its id the row's first paragraph id, so a file
// translated in a CAT tool comes back to the same rows. The document's structure is kept as
// groups: a section from each heading to the next, and the closing block.
import { personName, type ExportDocument, type ExportFile, type ExportNote, type ExportOptions, type TranslationStatus } from './model.ts';
import { buildRows, positionsLabel, selectRows, type ExportRow } from './rows.ts';
import { SOURCE_LANG, TARGET_LANG, TOOL_NAME, TOOL_VERSION, noteLine } from './tmx.ts';
import { fileStem, isoDate } from './text-utils.ts';
import { el, writeXml, type XmlSpec } from './xml.ts';

export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Duizhao's own attributes (row version, paragraph positions, note author and status). */
export const DUIZHAO_NS = 'urn:duizhao:interop:1';

/** XLIFF 1.2 target states. */
export const XLIFF12_STATE: Record<TranslationStatus, string> = {
  empty: 'new',
  draft: 'needs-review-translation',
  translated: 'translated',
  approved: 'signed-off',
};

/** XLIFF 2.1 segment states (a draft keeps its own name in subState). */
export const XLIFF2_STATE: Record<TranslationStatus, string> = {
  empty: 'initial',
  draft: 'translated',
  translated: 'translated',
  approved: 'final',
};

interface Section {
  kind: 'section' | 'closing' | null;
  heading: ExportRow | null;
  rows: ExportRow[];
}

/** Rows grouped as the document is: before the first heading, each heading's section, the closing block. */
export function sections(rows: ExportRow[]): Section[] {
  const out: Section[] = [];
  let current: Section = { kind: null, heading: null, rows: [] };
  const flush = () => {
    if (current.rows.length > 0) out.push(current);
  };
  for (const row of rows) {
    const kind = row.head.kind;
    if (kind === 'heading') {
      flush();
      current = { kind: 'section', heading: row, rows: [row] };
    } else if (kind === 'closing' && current.kind !== 'closing') {
      flush();
      current = { kind: 'closing', heading: null, rows: [row] };
    } else {
      current.rows.push(row);
    }
  }
  flush();
  return out;
}

function fileNote(doc: ExportDocument, options: ExportOptions): string {
  return [
    doc.title,
    `project: ${doc.projectName}`,
    doc.publishedOn ? `published: ${doc.publishedOn}` : null,
    doc.collection ? `collection: ${doc.collection}` : null,
    doc.keywords.length ? `keywords: ${doc.keywords.join(' ')}` : null,
    `exported: ${isoDate(options.exportedAt)}${options.exportedBy ? ` by ${options.exportedBy}` : ''}`,
  ]
    .filter(Boolean)
    .join('\n');
}

// ─── XLIFF 1.2 ──────────────────────────────────────────────────────────────────────────────────

function note12(doc: ExportDocument, note: ExportNote): XmlSpec {
  return el('note', { from: personName(doc, note.authorId) ?? undefined, annotates: note.target === 'source' ? 'source' : 'target' }, [noteLine(doc, note, true)]);
}

function unit12(doc: ExportDocument, row: ExportRow): XmlSpec {
  const t = row.translation;
  return el(
    'trans-unit',
    {
      id: row.head.id,
      resname: `¶${positionsLabel(row)}`,
      restype: `x-${row.head.kind}`,
      'xml:space': 'preserve',
      approved: row.status === 'approved' ? 'yes' : undefined,
      'dz:version': t?.version,
      'dz:status': row.status,
    },
    [
      el('source', { 'xml:lang': SOURCE_LANG }, [row.source]),
      row.target !== '' || row.status !== 'empty' ? el('target', { 'xml:lang': TARGET_LANG, state: XLIFF12_STATE[row.status] }, [row.target]) : null,
      ...row.notes.map((n) => note12(doc, n)),
    ],
  );
}

function group12(doc: ExportDocument, section: Section, index: number): XmlSpec[] {
  const units = section.rows.map((r) => unit12(doc, r));
  if (section.kind === null) return units;
  return [el('group', { id: `g${index + 1}`, restype: `x-${section.kind}`, resname: section.heading?.source }, units)];
}

export function writeXliff12(doc: ExportDocument, options: ExportOptions): ExportFile {
  const rows = selectRows(buildRows(doc, options.notes), options.rows);
  const file = el(
    'file',
    { original: `duizhao:document:${doc.id}`, 'source-language': SOURCE_LANG, 'target-language': TARGET_LANG, datatype: 'plaintext', date: isoDate(options.exportedAt), 'product-name': TOOL_NAME },
    [
      el('header', {}, [el('tool', { 'tool-id': 'duizhao', 'tool-name': TOOL_NAME, 'tool-version': TOOL_VERSION }), el('note', {}, [fileNote(doc, options)])]),
      el('body', {}, sections(rows).flatMap((s, i) => group12(doc, s, i))),
    ],
  );
  const xml = writeXml(el('xliff', { version: '1.2', xmlns: XLIFF12_NS, 'xmlns:dz': DUIZHAO_NS }, [file]));
  return { name: `${fileStem(doc.title)}.xlf`, mime: 'application/x-xliff+xml', data: xml };
}

// ─── XLIFF 2.1 ──────────────────────────────────────────────────────────────────────────────────

function note2(doc: ExportDocument, note: ExportNote): XmlSpec {
  return el(
    'note',
    {
      id: `n-${note.id}`,
      appliesTo: note.target === 'source' ? 'source' : 'target',
      category: note.kind,
      'dz:author': personName(doc, note.authorId) ?? undefined,
      'dz:status': note.status,
    },
    [noteLine(doc, note, false)],
  );
}

function unit2(doc: ExportDocument, row: ExportRow): XmlSpec {
  const t = row.translation;
  const hasTarget = row.target !== '' || row.status !== 'empty';
  return el('unit', { id: row.head.id, name: `¶${positionsLabel(row)}`, type: `dz:${row.head.kind}`, 'dz:version': t?.version }, [
    row.notes.length ? el('notes', {}, row.notes.map((n) => note2(doc, n))) : null,
    el('segment', { id: 's1', state: XLIFF2_STATE[row.status], subState: row.status === 'empty' ? undefined : `dz:${row.status}` }, [
      el('source', { 'xml:space': 'preserve' }, [row.source]),
      hasTarget ? el('target', { 'xml:space': 'preserve' }, [row.target]) : null,
    ]),
  ]);
}

function group2(doc: ExportDocument, section: Section, index: number): XmlSpec[] {
  const units = section.rows.map((r) => unit2(doc, r));
  if (section.kind === null) return units;
  return [el('group', { id: `g${index + 1}`, name: section.heading?.source, type: `dz:${section.kind}` }, units)];
}

export function writeXliff21(doc: ExportDocument, options: ExportOptions): ExportFile {
  const rows = selectRows(buildRows(doc, options.notes), options.rows);
  const file = el('file', { id: 'f1', original: `duizhao:document:${doc.id}` }, [
    el('notes', {}, [el('note', { id: 'document', category: 'document' }, [fileNote(doc, options)])]),
    ...sections(rows).flatMap((s, i) => group2(doc, s, i)),
  ]);
  const xml = writeXml(el('xliff', { xmlns: XLIFF2_NS, 'xmlns:dz': DUIZHAO_NS, version: '2.1', srcLang: SOURCE_LANG, trgLang: TARGET_LANG }, [file]));
  return { name: `${fileStem(doc.title)}.xliff`, mime: 'application/xliff+xml', data: xml };
}
