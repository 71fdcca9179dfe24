// Word documents through the docx library: a bilingual two-column document (Chinese in a CJK font
// beside the English, notes as Word comments anchored to their phrase, replies threaded under
// them), or the English alone with notes as footnotes. Metadata fills the first page.
import {
  AlignmentType, BorderStyle, CommentRangeEnd, CommentRangeStart, CommentReference, Document, FootnoteReferenceRun, HeadingLevel, Packer,
  PageBreak, Paragraph, Table, TableCell, TableRow, TabStopType, TextRun, WidthType, type ICommentOptions, type ParagraphChild,
} from 'docx';
import { codePointLength, codePointToUtf16, sliceCodePoints } from '../text/index.ts';
import { personName, type ExportDocument, type ExportFile, type ExportNote, type ExportOptions } from './model.ts';
import { buildRows, positionsLabel, selectRows, type ExportRow } from './rows.ts';
import { noteLine, TOOL_NAME } from './tmx.ts';
import { fileStem, isoDate } from './text-utils.ts';
import type { TextLayout } from './text.ts';

export const CJK_FONT = 'Noto Serif CJK SC';
export const LATIN_FONT = 'Times New Roman';
const ZH_RUN = { font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: CJK_FONT, hint: 'eastAsia' as const }, language: { eastAsia: 'zh-CN', value: 'zh-CN' } };
const EN_RUN = { font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: CJK_FONT }, language: { value: 'en-GB', eastAsia: 'zh-CN' } };

// Paragraph styles carry the fonts and languages, so the thousands of runs carry nothing.
const CHINESE = 'ChineseSource';
const ENGLISH = 'EnglishTranslation';

// A4 portrait with 2.54 cm margins: 9026 twips of text width, split 40/60 as in the workspace.
const TEXT_WIDTH = 9026;
const ZH_WIDTH = 3610;
const EN_WIDTH = TEXT_WIDTH - ZH_WIDTH;

interface Anchor {
  start: number;
  end: number;
  ids: number[];
}

/** Where a note's quote lies in `text` (code points): its offsets, else the quote found, else the whole text. */
export function locate(text: string, note: Pick<ExportNote, 'exact' | 'start' | 'end'>): { start: number; end: number } {
  const length = codePointLength(text);
  if (note.exact && note.start !== null && note.end !== null && note.end <= length && sliceCodePoints(text, note.start, note.end) === note.exact) {
    return { start: note.start, end: note.end };
  }
  if (note.exact) {
    const at = text.indexOf(note.exact);
    if (at >= 0) {
      const start = codePointLength(text.slice(0, at));
      return { start, end: start + codePointLength(note.exact) };
    }
  }
  return { start: 0, end: length };
}

/** Runs for `text` with comment ranges opened and closed at the anchors' offsets (code points). */
function anchoredRuns(text: string, anchors: Anchor[], run?: object): ParagraphChild[] {
  const cuts = new Set<number>([0, codePointLength(text)]);
  for (const a of anchors) cuts.add(a.start).add(a.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: ParagraphChild[] = [];
  const closeAt = (at: number) => {
    for (const a of anchors) if (a.end === at) for (const id of a.ids) out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
  };
  points.forEach((at, i) => {
    if (i > 0) closeAt(at);
    for (const a of anchors) if (a.start === at && a.end > a.start) for (const id of a.ids) out.push(new CommentRangeStart(id));
    const next = points[i + 1];
    if (next === undefined || next <= at) return;
    const piece = text.slice(codePointToUtf16(text, at), codePointToUtf16(text, next));
    out.push(run ? new TextRun({ ...run, text: piece }) : new TextRun(piece));
  });
  return out;
}

class CommentBook {
  readonly comments: ICommentOptions[] = [];
  constructor(private readonly doc: ExportDocument) {}

  /** Registers a note and its replies; returns their comment ids (the note's first). */
  add(note: ExportNote): number[] {
    const id = this.comments.length;
    const about = [note.kind === 'note' ? null : note.kind, note.status].filter(Boolean).join(' · ');
    const lines = [note.exact ? `「${note.exact}」` : null, note.text.trim(), note.tags.length ? note.tags.map((t) => `#${t}`).join(' ') : null, `[${about}]`];
    this.comments.push({
      id,
      author: personName(this.doc, note.authorId) ?? TOOL_NAME,
      date: new Date(note.createdAt),
      children: lines.filter((l): l is string => !!l).map((l) => new Paragraph(l)),
    });
    const ids = [id];
    for (const reply of note.replies) {
      const replyId = this.comments.length;
      this.comments.push({
        id: replyId,
        parentId: id,
        author: personName(this.doc, reply.authorId) ?? TOOL_NAME,
        date: new Date(reply.createdAt),
        children: [new Paragraph(reply.text.trim())],
      });
      ids.push(replyId);
    }
    return ids;
  }
}

/** Signatory lines keep their columns (one U+3000 between them) on tab stops; other closing lines sit right. */
function closingParagraph(children: ParagraphChild[], text: string, width: number): Paragraph {
  const columns = text.split('\u3000').length;
  if (columns > 1) {
    const step = Math.floor(width / columns);
    return new Paragraph({ style: CHINESE, children, tabStops: Array.from({ length: columns - 1 }, (_, k) => ({ type: TabStopType.LEFT, position: step * (k + 1) })) });
  }
  return new Paragraph({ style: CHINESE, children, alignment: AlignmentType.RIGHT });
}

function withTabs(text: string): string {
  return text.replace(/\u3000/g, '\t');
}

function metadataPage(doc: ExportDocument, options: ExportOptions, rows: ExportRow[]): Paragraph[] {
  const count = (pred: (r: ExportRow) => boolean) => rows.filter(pred).length;
  const lines: [string, string | null][] = [
    ['Project', doc.projectName],
    ['Published', doc.publishedOn],
    ['Collection', doc.collection],
    ['Keywords', doc.keywords.length ? doc.keywords.join(' ') : null],
    ...Object.entries(doc.metadata).map(([k, v]): [string, string] => [k, v]),
    ['Source', doc.sourceLine],
    ['Rows', `${rows.length} (${count((r) => r.status === 'translated' || r.status === 'approved')} translated, ${count((r) => r.status === 'approved')} approved)`],
    ['Exported', `${isoDate(options.exportedAt)}${options.exportedBy ? ` by ${options.exportedBy}` : ''} from ${TOOL_NAME}`],
  ];
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ ...ZH_RUN, text: doc.title })] }),
    ...lines
      .filter((l): l is [string, string] => !!l[1])
      .map(([k, v]) => new Paragraph({ children: [new TextRun({ ...EN_RUN, text: `${k}: `, bold: true }), new TextRun({ ...ZH_RUN, text: v })] })),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

const thin = { style: BorderStyle.SINGLE, size: 2, color: 'BFBFBF' };
const BORDERS = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function bilingualBody(rows: ExportRow[], book: CommentBook): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let tableRows: TableRow[] = [];
  const flush = () => {
    if (tableRows.length === 0) return;
    const header = new TableRow({
      tableHeader: true,
      children: [
        new TableCell({ width: { size: ZH_WIDTH, type: WidthType.DXA }, children: [new Paragraph({ children: [new TextRun({ ...ZH_RUN, text: '中文', bold: true })] })] }),
        new TableCell({ width: { size: EN_WIDTH, type: WidthType.DXA }, children: [new Paragraph({ children: [new TextRun({ ...EN_RUN, text: 'English', bold: true })] })] }),
      ],
    });
    out.push(new Table({ rows: [header, ...tableRows], width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [ZH_WIDTH, EN_WIDTH], borders: BORDERS }));
    tableRows = [];
  };
  let inClosing = false;
  for (const row of rows) {
    const sourceNotes = new Map<string, Anchor[]>();
    const targetAnchors: Anchor[] = [];
    for (const note of row.notes) {
      const ids = book.add(note);
      if (note.target === 'translation') {
        targetAnchors.push({ ...locate(row.target, note), ids });
      } else {
        const paragraph = row.paragraphs.find((p) => p.id === note.paragraphId) ?? row.head;
        const list = sourceNotes.get(paragraph.id) ?? [];
        list.push({ ...locate(paragraph.text, note), ids });
        sourceNotes.set(paragraph.id, list);
      }
    }
    const zhParagraphs = row.paragraphs.map((p) => {
      const runs = anchoredRuns(row.head.kind === 'closing' ? withTabs(p.text) : p.text, sourceNotes.get(p.id) ?? []);
      return p.kind === 'closing' ? closingParagraph(runs, p.text, ZH_WIDTH) : new Paragraph({ style: CHINESE, children: runs });
    });
    const enParagraphs = englishParagraphs(row.target, targetAnchors);
    if (row.head.kind === 'heading') {
      flush();
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [...anchoredRuns(row.source, sourceNotes.get(row.head.id) ?? [], ZH_RUN), new TextRun({ ...EN_RUN, text: row.target ? `\u2003${row.target.replace(/\n/g, ' ')}` : '' })] }));
      continue;
    }
    if (row.head.kind === 'closing' && !inClosing) {
      inClosing = true;
      flush();
      out.push(new Paragraph({ children: [] }));
    }
    tableRows.push(
      new TableRow({
        cantSplit: false,
        children: [
          new TableCell({ width: { size: ZH_WIDTH, type: WidthType.DXA }, children: zhParagraphs }),
          new TableCell({ width: { size: EN_WIDTH, type: WidthType.DXA }, children: enParagraphs }),
        ],
      }),
    );
  }
  flush();
  return out;
}

/** The English lines of a row as paragraphs, comment ranges placed across lines by code point offset. */
function englishParagraphs(text: string, anchors: Anchor[]): Paragraph[] {
  const lines = text === '' ? [''] : text.split('\n');
  let offset = 0;
  return lines.map((line) => {
    const length = codePointLength(line);
    const local = anchors
      .filter((a) => a.end >= offset && a.start <= offset + length)
      .map((a) => ({ ...a, start: Math.max(0, a.start - offset), end: Math.min(length, a.end - offset), open: a.start >= offset, close: a.end <= offset + length }));
    offset += length + 1;
    const runs = anchoredRuns(
      line,
      local.filter((a) => a.open && a.close),
    );
    // A range crossing lines opens on its first line and closes on its last.
    const opens = local.filter((a) => a.open && !a.close).flatMap((a) => a.ids.map((id) => new CommentRangeStart(id)));
    const closes = local.filter((a) => !a.open && a.close).flatMap((a) => a.ids.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]));
    return new Paragraph({ style: ENGLISH, children: [...closes, ...runs, ...opens] });
  });
}

function englishBody(doc: ExportDocument, rows: ExportRow[], footnotes: Record<string, { children: Paragraph[] }>): Paragraph[] {
  const out: Paragraph[] = [];
  let next = 1;
  let inClosing = false;
  for (const row of rows) {
    const refs = row.notes.map((note) => {
      const id = next++;
      footnotes[String(id)] = { children: [new Paragraph({ children: [new TextRun(noteLine(doc, note, true))] })] };
      return new FootnoteReferenceRun(id);
    });
    const english = row.target !== '' ? row.target : `[¶${positionsLabel(row)} not translated]`;
    if (row.head.kind === 'heading') {
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ ...EN_RUN, text: english.replace(/\n/g, ' ') }), ...refs] }));
      continue;
    }
    if (row.head.kind === 'closing' && !inClosing) {
      inClosing = true;
      out.push(new Paragraph({ children: [] }));
    }
    const lines = english.split('\n');
    lines.forEach((line, i) => {
      const children: ParagraphChild[] = [new TextRun(line), ...(i === lines.length - 1 ? refs : [])];
      out.push(new Paragraph({ style: ENGLISH, children, alignment: row.head.kind === 'closing' ? AlignmentType.RIGHT : undefined }));
    });
  }
  return out;
}

export async function writeDocx(doc: ExportDocument, options: ExportOptions, layout: TextLayout): Promise<ExportFile> {
  const rows = selectRows(buildRows(doc, options.notes), options.rows);
  const book = new CommentBook(doc);
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  const body = layout === 'bilingual' ? bilingualBody(rows, book) : englishBody(doc, rows, footnotes);
  const document = new Document({
    creator: options.exportedBy ?? TOOL_NAME,
    title: doc.title,
    description: `${doc.projectName}${doc.publishedOn ? ` · ${doc.publishedOn}` : ''}`,
    keywords: doc.keywords.join(' '),
    styles: {
      default: { document: { run: { ...EN_RUN, size: 22 }, paragraph: { spacing: { line: 300 } } } },
      paragraphStyles: [
        { id: CHINESE, name: 'Chinese source', basedOn: 'Normal', quickFormat: true, run: ZH_RUN, paragraph: { spacing: { line: 360 } } },
        { id: ENGLISH, name: 'English translation', basedOn: 'Normal', quickFormat: true, run: EN_RUN, paragraph: { spacing: { after: 120 } } },
      ],
    },
    comments: { children: book.comments },
    footnotes,
    sections: [{ children: [...metadataPage(doc, options, rows), ...body] }],
  });
  const data = new Uint8Array(await Packer.toArrayBuffer(document));
  return {
    name: `${fileStem(doc.title)}${layout === 'bilingual' ? '.zh-en' : '.en'}.docx`,
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data,
  };
}
