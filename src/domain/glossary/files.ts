// Glossary files: CSV (one entry a line; renderings separated by "|") and TBX (TermBase eXchange,
// ISO 30042:2019, TBX-Basic dialect; TBX v2 <martif> files are read too). Reading never throws on a
// bad line: each line or entry with a problem is reported with where it is, and the rest is kept.
import { attr, elements, findAll, firstElement, el, parseXml, textContent, writeXml, inertCell, type XmlElement, type XmlSpec } from '../interop/index.ts';

export const GLOSSARY_ENTRY_KINDS = ['term', 'person', 'place', 'organisation', 'treaty'] as const;
export type GlossaryEntryKind = (typeof GLOSSARY_ENTRY_KINDS)[number];

/** An entry as files carry it. */
export interface GlossaryFileEntry {
  zh: string;
  en: string[];
  forbidden: string[];
  kind: GlossaryEntryKind;
  note: string;
  source: string;
}

export interface GlossaryFileProblem {
  /** "line 12" (CSV) or "entry 3" (TBX). */
  where: string;
  message: string;
}

export interface GlossaryFileRead {
  format: 'csv' | 'tbx';
  entries: GlossaryFileEntry[];
  problems: GlossaryFileProblem[];
}

/** A file that cannot be read as a glossary at all. */
export class GlossaryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlossaryFileError';
  }
}

const KIND_ALIASES: Record<string, GlossaryEntryKind> = {
  term: 'term', '': 'term', 术语: 'term',
  person: 'person', people: 'person', 人名: 'person', 人物: 'person',
  place: 'place', location: 'place', 地名: 'place', 地点: 'place',
  organisation: 'organisation', organization: 'organisation', org: 'organisation', 机构: 'organisation', 组织: 'organisation',
  treaty: 'treaty', document: 'treaty', 条约: 'treaty', 文件: 'treaty',
};

function readKind(raw: string): GlossaryEntryKind | null {
  return KIND_ALIASES[raw.trim().toLowerCase()] ?? null;
}

const MAX_ZH = 200;

/** Checks one entry; returns what is wrong with it, or null. */
export function entryProblem(entry: GlossaryFileEntry): string | null {
  if (entry.zh.trim() === '') return 'the Chinese term is empty';
  if (entry.zh.length > MAX_ZH) return `the Chinese term is longer than ${MAX_ZH} characters`;
  if (entry.en.length > 20 || entry.forbidden.length > 20) return 'more than 20 renderings';
  if (entry.note.length > 4000) return 'the note is longer than 4,000 characters';
  return null;
}

function splitList(cell: string): string[] {
  return cell
    .split(/\s*[|｜]\s*/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

// ─── CSV ───────────────────────────────────────────────────────────────────────────────────────

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line ends. */
export function parseCsvRecords(text: string, separator = ','): Array<{ line: number; cells: string[] }> {
  const out: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.replace(/^\ufeff/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) out.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) out.push({ line: recordLine, cells });
  if (quoted) throw new GlossaryFileError(`A quoted field opened on line ${recordLine} is never closed.`);
  return out;
}

const COLUMN_NAMES: Record<keyof GlossaryFileEntry, string[]> = {
  zh: ['zh', 'zh-cn', 'zh-hans', 'chinese', 'source term', 'term', '中文', '术语'],
  en: ['en', 'en-us', 'en-gb', 'english', 'target term', 'translation', 'preferred', '英文', '译文'],
  forbidden: ['forbidden', 'forbidden renderings', 'do not use', 'deprecated', '禁用', '禁用译法'],
  kind: ['kind', 'type', 'part of speech', 'category', '类型', '类别'],
  note: ['note', 'notes', 'comment', 'definition', '备注', '说明'],
  source: ['source', 'reference', '来源', '出处'],
};

export const GLOSSARY_CSV_COLUMNS = ['zh', 'en', 'forbidden', 'kind', 'note', 'source'] as const;

export function readGlossaryCsv(text: string): GlossaryFileRead {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets save tab-separated text too; the header line tells which.
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records = parseCsvRecords(text, separator);
  if (records.length === 0) throw new GlossaryFileError('The file holds no line of text.');
  const header = records[0]!.cells.map((c) => c.trim().toLowerCase());
  const column = {} as Record<keyof GlossaryFileEntry, number>;
  for (const [key, names] of Object.entries(COLUMN_NAMES) as Array<[keyof GlossaryFileEntry, string[]]>) {
    column[key] = header.findIndex((h) => names.includes(h));
  }
  if (column.zh < 0 || column.en < 0) {
    throw new GlossaryFileError(
      `The first line must name the columns, with at least “zh” (the Chinese term) and “en” (its English); it reads “${firstLine.slice(0, 80)}”.`,
    );
  }
  const entries: GlossaryFileEntry[] = [];
  const problems: GlossaryFileProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records.slice(1)) {
    const cell = (key: keyof GlossaryFileEntry) => (column[key] >= 0 ? (cells[column[key]] ?? '') : '').trim();
    const kind = readKind(cell('kind'));
    if (kind === null) {
      problems.push({ where: `line ${line}`, message: `unknown kind “${cell('kind')}” (use term, person, place, organisation or treaty)` });
      continue;
    }
    const entry: GlossaryFileEntry = {
      zh: cell('zh').replace(/[\s\u3000]+/g, ''),
      en: splitList(cell('en')),
      forbidden: splitList(cell('forbidden')),
      kind,
      note: cell('note'),
      source: cell('source'),
    };
    const problem = entryProblem(entry);
    if (problem) {
      problems.push({ where: `line ${line}`, message: problem });
      continue;
    }
    const earlier = seen.get(entry.zh);
    if (earlier !== undefined) {
      problems.push({ where: `line ${line}`, message: `“${entry.zh}” is already on line ${earlier}` });
      continue;
    }
    seen.set(entry.zh, line);
    entries.push(entry);
  }
  return { format: 'csv', entries, problems };
}

function csvField(value: string): string {
  const text = inertCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a byte-order mark (spreadsheets then read the Chinese), renderings joined by " | ". */
export function writeGlossaryCsv(entries: readonly GlossaryFileEntry[]): string {
  const lines = [GLOSSARY_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([e.zh, e.en.join(' | '), e.forbidden.join(' | '), e.kind, e.note, e.source].map(csvField).join(','));
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

// ─── TBX ───────────────────────────────────────────────────────────────────────────────────────

const PREFERRED = 'preferredTerm-admn-sts';
const ADMITTED = 'admittedTerm-admn-sts';
const DEPRECATED = 'deprecatedTerm-admn-sts';
const SUPERSEDED = 'supersededTerm-admn-sts';

/** TBX-Basic (ISO 30042:2019, TBX-Basic dialect), one conceptEntry per entry. */
export function writeGlossaryTbx(entries: readonly GlossaryFileEntry[], title: string): string {
  const concept = (e: GlossaryFileEntry, i: number): XmlSpec => {
    const termSec = (term: string, status: string) =>
      el('termSec', undefined, [el('term', undefined, [term]), el('termNote', { type: 'administrativeStatus' }, [status])]);
    const en = [
      ...e.en.map((t, k) => termSec(t, k === 0 ? PREFERRED : ADMITTED)),
      ...e.forbidden.map((t) => termSec(t, DEPRECATED)),
    ];
    return el('conceptEntry', { id: `c${i + 1}` }, [
      el('descrip', { type: 'subjectField' }, [e.kind]),
      e.note ? el('note', undefined, [e.note]) : null,
      e.source ? el('admin', { type: 'source' }, [e.source]) : null,
      el('langSec', { 'xml:lang': 'zh' }, [el('termSec', undefined, [el('term', undefined, [e.zh])])]),
      en.length ? el('langSec', { 'xml:lang': 'en' }, en) : null,
    ]);
  };
  const root = el('tbx', { type: 'TBX-Basic', style: 'dca', 'xml:lang': 'en', xmlns: 'urn:iso:std:iso:30042:ed-2' }, [
    el('tbxHeader', undefined, [el('fileDesc', undefined, [el('sourceDesc', undefined, [el('p', undefined, [title])])])]),
    el('text', undefined, [el('body', undefined, entries.map(concept))]),
  ]);
  return writeXml(root);
}

function langOf(element: XmlElement): string {
  return (attr(element, 'lang') ?? '').toLowerCase();
}

/** Reads TBX 2019 (tbx/conceptEntry/langSec/termSec) and TBX v2 (martif/termEntry/langSet/tig|ntig). */
export function readGlossaryTbx(text: string): GlossaryFileRead {
  let root: XmlElement;
  try {
    root = parseXml(text, 'xml');
  } catch (error) {
    throw new GlossaryFileError(error instanceof Error ? error.message : String(error));
  }
  const rootName = root.name.replace(/^.*:/, '');
  if (rootName !== 'tbx' && rootName !== 'martif') {
    throw new GlossaryFileError(`The file is XML but not TBX: its root element is <${root.name}>, not <tbx> or <martif>.`);
  }
  const defaultLang = langOf(root);
  const concepts = [...findAll(root, 'conceptEntry'), ...findAll(root, 'termEntry')];
  const entries: GlossaryFileEntry[] = [];
  const problems: GlossaryFileProblem[] = [];
  const seen = new Map<string, number>();
  concepts.forEach((concept, index) => {
    const where = `entry ${index + 1}${attr(concept, 'id') ? ` (id ${attr(concept, 'id')})` : ''}`;
    const langs = [...elements(concept, 'langSec'), ...elements(concept, 'langSet')];
    const terms = (lang: (l: string) => boolean) =>
      langs
        .filter((l) => lang(langOf(l) || defaultLang))
        .flatMap((l) => [...elements(l, 'termSec'), ...elements(l, 'tig'), ...elements(l, 'ntig')])
        .map((sec) => {
          const termEl = firstElement(sec, 'term') ?? findAll(sec, 'term')[0];
          const status = findAll(sec, 'termNote').find((n) => attr(n, 'type') === 'administrativeStatus');
          return { term: termEl ? textContent(termEl).replace(/\s+/g, ' ').trim() : '', status: status ? textContent(status).trim() : '' };
        })
        .filter((t) => t.term !== '');
    const zhTerms = terms((l) => l.startsWith('zh'));
    const enTerms = terms((l) => l.startsWith('en'));
    if (zhTerms.length === 0) {
      problems.push({ where, message: 'no Chinese term (a langSec with xml:lang="zh")' });
      return;
    }
    const forbidden = enTerms.filter((t) => t.status === DEPRECATED || t.status === SUPERSEDED).map((t) => t.term);
    const allowed = enTerms.filter((t) => t.status !== DEPRECATED && t.status !== SUPERSEDED);
    // The preferred term leads whatever its place in the file.
    allowed.sort((a, b) => Number(b.status === PREFERRED) - Number(a.status === PREFERRED));
    const subject = findAll(concept, 'descrip').find((d) => attr(d, 'type') === 'subjectField');
    const kind = readKind(subject ? textContent(subject) : '') ?? 'term';
    const note = [...elements(concept, 'note'), ...findAll(concept, 'descrip').filter((d) => attr(d, 'type') === 'definition')]
      .map((n) => textContent(n).trim())
      .filter(Boolean)
      .join('\n');
    const sourceEl = findAll(concept, 'admin').find((a) => attr(a, 'type') === 'source');
    const entry: GlossaryFileEntry = {
      zh: zhTerms[0]!.term.replace(/[\s\u3000]+/g, ''),
      en: allowed.map((t) => t.term),
      forbidden,
      kind,
      note,
      source: sourceEl ? textContent(sourceEl).trim() : '',
    };
    const problem = entryProblem(entry);
    if (problem) {
      problems.push({ where, message: problem });
      return;
    }
    const earlier = seen.get(entry.zh);
    if (earlier !== undefined) {
      problems.push({ where, message: `“${entry.zh}” is already entry ${earlier}` });
      return;
    }
    seen.set(entry.zh, index + 1);
    entries.push(entry);
  });
  if (concepts.length === 0) throw new GlossaryFileError('The TBX file holds no conceptEntry (or termEntry): there is nothing to import.');
  return { format: 'tbx', entries, problems };
}

/** Reads a glossary file by its content: XML is TBX, anything else CSV. */
export function readGlossaryFile(text: string): GlossaryFileRead {
  return /^\ufeff?\s*</.test(text) ? readGlossaryTbx(text) : readGlossaryCsv(text);
}
