// An InterText alignment brought into a document: the Chinese text of the alignment is matched to
// the document's paragraphs character by character (whitespace aside), each link's English goes to
// the paragraphs its Chinese sentences fall in, and links sharing a paragraph merge into one row.
import { InteropError, interopNotice, type InteropNotice } from './errors.ts';
import { checkInterTextAlignment, readInterTextAlignment, readInterTextDocument, segmentsById, type InterTextDocument } from './intertext.ts';
import type { ExportParagraph } from './model.ts';
import { decodeXmlBytes, localName, parseXml } from './xml.ts';

/** One row for apply_alignment: consecutive paragraph positions and their English. */
export interface AlignmentRow {
  positions: number[];
  text: string;
}

export interface InterTextImport {
  rows: AlignmentRow[];
  /** Links with Chinese and no English, and English with no Chinese, noted for the preview. */
  warnings: InteropNotice[];
}

export interface InterTextFiles {
  /** The Chinese text (fromDoc or toDoc, whichever is Chinese). */
  zh: InterTextDocument;
  en: InterTextDocument;
  /** Link sides as zh/en ids. */
  links: { zh: string[]; en: string[] }[];
}

function isCjk(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

function chineseShare(doc: InterTextDocument): number {
  let cjk = 0;
  let all = 0;
  for (const p of doc.paragraphs) for (const s of p.segments) for (const ch of s.text.replace(/\s+/g, '')) {
    all++;
    if (isCjk(ch)) cjk++;
  }
  return all === 0 ? 0 : cjk / all;
}

export interface NamedFile {
  name?: string;
  data: Uint8Array | string;
}

function baseName(name: string | undefined): string {
  return (name ?? '').split(/[\\/]/).pop() ?? '';
}

/**
 * Sorts three InterText files (two texts and their linkGrp, given in any order) into Chinese,
 * English and links. The Chinese text is the one written mostly in Chinese characters; which one
 * is fromDoc comes from the file names the alignment gives, else from which ids each side uses.
 */
export function readInterTextFiles(files: NamedFile[]): InterTextFiles {
  if (files.length !== 3) throw new InteropError('invalid', 'interTextFileCount', { count: files.length });
  const texts = files.map((f) => (typeof f.data === 'string' ? f.data : decodeXmlBytes(f.data, 'intertext')));
  const roots = texts.map((t) => localName(parseXml(t, 'intertext').name));
  const alignmentIndex = roots.indexOf('linkGrp');
  if (alignmentIndex === -1) throw new InteropError('wrong-format', 'interTextNoAlignment');
  if (roots.lastIndexOf('linkGrp') !== alignmentIndex) throw new InteropError('wrong-format', 'interTextTwoAlignments');
  const alignment = readInterTextAlignment(texts[alignmentIndex]!);
  const docs = files
    .map((f, i) => ({ name: baseName(f.name), text: texts[i]! }))
    .filter((_, i) => i !== alignmentIndex)
    .map((f) => ({ name: f.name, doc: readInterTextDocument(f.text) }));
  const [a, b] = docs as [(typeof docs)[0], (typeof docs)[0]];
  const aIsZh = chineseShare(a.doc) >= chineseShare(b.doc);
  const zh = aIsZh ? a : b;
  const en = aIsZh ? b : a;
  if (chineseShare(zh.doc) < 0.3) throw new InteropError('wrong-languages', 'interTextNoChinese');
  if (chineseShare(en.doc) > 0.3) throw new InteropError('wrong-languages', 'interTextNoEnglish');
  let fromIsZh: boolean;
  if (zh.name && en.name && (baseName(alignment.fromDoc) === zh.name || baseName(alignment.toDoc) === en.name)) fromIsZh = true;
  else if (zh.name && en.name && (baseName(alignment.fromDoc) === en.name || baseName(alignment.toDoc) === zh.name)) fromIsZh = false;
  else {
    const fits = (ids: (l: (typeof alignment.links)[0]) => string[], doc: InterTextDocument) => {
      const known = segmentsById(doc);
      return alignment.links.reduce((n, l) => n + ids(l).filter((id) => known.has(id)).length, 0);
    };
    const asIs = fits((l) => l.from, zh.doc) + fits((l) => l.to, en.doc);
    const swapped = fits((l) => l.from, en.doc) + fits((l) => l.to, zh.doc);
    fromIsZh = asIs >= swapped;
  }
  const [from, to] = fromIsZh ? [zh.doc, en.doc] : [en.doc, zh.doc];
  checkInterTextAlignment(alignment, from, to);
  return { zh: zh.doc, en: en.doc, links: alignment.links.map((l) => (fromIsZh ? { zh: l.from, en: l.to } : { zh: l.to, en: l.from })) };
}

/** Maps each Chinese segment to the paragraph positions its characters fall in. */
function mapSegments(zh: InterTextDocument, paragraphs: ExportParagraph[]): Map<string, number[]> {
  const sorted = [...paragraphs].sort((a, b) => a.position - b.position);
  // Position of every non-space character of the document, in order.
  const owner: number[] = [];
  let docText = '';
  for (const p of sorted) {
    for (const ch of p.text) {
      if (/\s/.test(ch)) continue;
      docText += ch;
      owner.push(p.position);
    }
  }
  const chars = Array.from(docText);
  const map = new Map<string, number[]>();
  let at = 0;
  for (const p of zh.paragraphs) {
    for (const s of p.segments) {
      const seg = Array.from(s.text.replace(/\s+/g, ''));
      for (let k = 0; k < seg.length; k++) {
        if (chars[at + k] !== seg[k]) {
          const paragraph = owner[Math.min(at + k, owner.length - 1)];
          throw at + k >= chars.length
            ? new InteropError('no-match', 'interTextPastEnd', { id: s.id })
            : new InteropError('no-match', 'interTextDiffers', { paragraph: paragraph!, id: s.id, text: seg.slice(Math.max(0, k - 4), k + 6).join('') });
        }
      }
      const positions = [...new Set(owner.slice(at, at + seg.length))];
      map.set(s.id, positions);
      at += seg.length;
    }
  }
  if (at < chars.length) {
    throw new InteropError('no-match', 'interTextStops', { paragraph: owner[at]! });
  }
  return map;
}

/** Rows for apply_alignment from an InterText alignment of this document's Chinese text. */
export function interTextRows(files: InterTextFiles, paragraphs: ExportParagraph[]): InterTextImport {
  const positionsOf = mapSegments(files.zh, paragraphs);
  const enById = segmentsById(files.en);
  const enParagraph = new Map<string, string>();
  for (const p of files.en.paragraphs) for (const s of p.segments) enParagraph.set(s.id, p.id);
  const warnings: InteropNotice[] = [];
  // Rows as position intervals with their English pieces, merged where they share a paragraph.
  const rows: { first: number; last: number; en: string[] }[] = [];
  let pendingEnglish: string[] = [];
  for (const link of files.links) {
    const positions = link.zh.flatMap((id) => positionsOf.get(id) ?? []);
    if (positions.length === 0) {
      // English without Chinese joins the row before it (or the next one, at the start).
      if (rows.length) rows[rows.length - 1]!.en.push(...link.en);
      else pendingEnglish.push(...link.en);
      if (link.en.length) warnings.push(interopNotice('interTextEnglishAlone', { ids: link.en.join(', ') }));
      continue;
    }
    const first = Math.min(...positions);
    const last = Math.max(...positions);
    const en = [...pendingEnglish, ...link.en];
    pendingEnglish = [];
    const prev = rows[rows.length - 1];
    if (prev && first <= prev.last) {
      prev.last = Math.max(prev.last, last);
      prev.en.push(...en);
    } else {
      rows.push({ first, last, en });
    }
  }
  const out: AlignmentRow[] = [];
  for (const row of rows) {
    const positions = Array.from({ length: row.last - row.first + 1 }, (_, k) => row.first + k);
    if (row.en.length === 0) {
      warnings.push(interopNotice('interTextParagraphsAlone', { positions: positions.join(', ') }));
      continue;
    }
    // Sentences of one English paragraph join with a space, English paragraphs with a line break.
    let text = '';
    let lastParagraph: string | undefined;
    for (const id of row.en) {
      const piece = enById.get(id)?.text ?? '';
      const paragraph = enParagraph.get(id);
      text += text === '' ? piece : paragraph === lastParagraph ? ` ${piece}` : `\n${piece}`;
      lastParagraph = paragraph;
    }
    out.push({ positions, text });
  }
  if (out.length === 0) throw new InteropError('no-match', 'interTextNoEnglishLinked');
  return { rows: out, warnings };
}
