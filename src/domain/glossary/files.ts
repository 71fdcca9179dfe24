// Glossary files: CSV (one entry a line; renderings separated by "|") and TBX (TermBase eXchange,
// ISO 30042:2019, TBX-Basic dialect; TBX v2 <martif> files are read too). Reading never throws on a
// bad line: each line or entry with a problem is reported with where it is, and the rest is kept.
// Problems and file errors carry a code and parameters, which the UI puts in words (en and zh).
import { attr, elements, findAll, firstElement, el, isInteropError, parseXml, textContent, writeXml, inertCell, type XmlElement, type XmlSpec } from '../interop/index.ts';
import { formatMessage } from '../text/index.ts';

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

/** Why a line (CSV) or an entry (TBX) is left out. */
export const GLOSSARY_PROBLEM_CODES = [
  'zh-empty',
  'zh-too-long',
  'too-many-renderings',
  'note-too-long',
  'unknown-kind',
  'duplicate-line',
  'duplicate-entry',
  'no-chinese',
] as const;
export type GlossaryProblemCode = (typeof GLOSSARY_PROBLEM_CODES)[number];

/** Where a problem is: a line of a CSV file, or an entry of a TBX file (with its id when it has one). */
export type GlossaryFilePlace = { line: number } | { entry: number; id?: string };

export interface GlossaryFileProblem {
  at: GlossaryFilePlace;
  code: GlossaryProblemCode;
  params: Record<string, string | number>;
}

export interface GlossaryFileRead {
  format: 'csv' | 'tbx';
  entries: GlossaryFileEntry[];
  problems: GlossaryFileProblem[];
}

/** Why a whole file cannot be read as a glossary. */
export const GLOSSARY_FILE_ERROR_CODES = ['empty', 'unclosed-quote', 'no-header', 'not-xml', 'malformed-xml', 'not-tbx', 'no-entries'] as const;
export type GlossaryFileErrorCode = (typeof GLOSSARY_FILE_ERROR_CODES)[number];

const FILE_ERROR_TEXT: Record<GlossaryFileErrorCode, string> = {
  empty: 'The file holds no line of text.',
  'unclosed-quote': 'A quoted field opened on line {line} is never closed.',
  'no-header': 'The first line must name the columns, with at least “zh” (the Chinese term) and “en” (its English); it reads “{firstLine}”.',
  'not-xml': 'The file is not XML.',
  'malformed-xml': 'The file is not well-formed XML (line {line}, column {column}: {reason}).',
  'not-tbx': 'The file is XML but not TBX: its root element is <{root}>, not <tbx> or <martif>.',
  'no-entries': 'The TBX file holds no conceptEntry (or termEntry): there is nothing to import.',
};

/** A file that cannot be read as a glossary at all; `code` and `params` are what the UI words. */
export class GlossaryFileError extends Error {
  readonly code: GlossaryFileErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: GlossaryFileErrorCode, params: Record<string, string | number> = {}) {
    // The English text, for logs and scripts.
    super(formatMessage(FILE_ERROR_TEXT[code], params));
    this.name = 'GlossaryFileError';
    this.code = code;
    this.params = params;
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

const MAX_RENDERINGS = 20;
const MAX_NOTE = 4000;

/** Checks one entry; returns what is wrong with it, or null. */
export function entryProblem(entry: GlossaryFileEntry): Pick<GlossaryFileProblem, 'code' | 'params'> | null {
  if (entry.zh.trim() === '') return { code: 'zh-empty', params: {} };
  if (entry.zh.length > MAX_ZH) return { code: 'zh-too-long', params: { max: MAX_ZH } };
  if (entry.en.length > MAX_RENDERINGS || entry.forbidden.length > MAX_RENDERINGS) return { code: 'too-many-renderings', params: { max: MAX_RENDERINGS } };
  if (entry.note.length > MAX_NOTE) return { code: 'note-too-long', params: { max: MAX_NOTE } };
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
  if (quoted) throw new GlossaryFileError('unclosed-quote', { line: recordLine });
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
  if (records.length === 0) throw new GlossaryFileError('empty');
  const header = records[0]!.cells.map((c) => c.trim().toLowerCase());
  const column = {} as Record<keyof GlossaryFileEntry, number>;
  for (const [key, names] of Object.entries(COLUMN_NAMES) as Array<[keyof GlossaryFileEntry, string[]]>) {
    column[key] = header.findIndex((h) => names.includes(h));
  }
  if (column.zh < 0 || column.en < 0) {
    throw new GlossaryFileError('no-header', { firstLine: firstLine.slice(0, 80) });
  }
  const entries: GlossaryFileEntry[] = [];
  const problems: GlossaryFileProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records.slice(1)) {
    const cell = (key: keyof GlossaryFileEntry) => (column[key] >= 0 ? (cells[column[key]] ?? '') : '').trim();
    const kind = readKind(cell('kind'));
    if (kind === null) {
      problems.push({ at: { line }, code: 'unknown-kind', params: { kind: cell('kind') } });
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
      problems.push({ at: { line }, ...problem });
      continue;
    }
    const earlier = seen.get(entry.zh);
    if (earlier !== undefined) {
      problems.push({ at: { line }, code: 'duplicate-line', params: { zh: entry.zh, line: earlier } });
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
    if (isInteropError(error) && error.key === 'malformed') {
      const { line = 0, column = 0, reason = '' } = error.params as Record<string, string | number | undefined>;
      throw new GlossaryFileError('malformed-xml', { line, column, reason });
    }
    throw new GlossaryFileError('not-xml');
  }
  const rootName = root.name.replace(/^.*:/, '');
  if (rootName !== 'tbx' && rootName !== 'martif') throw new GlossaryFileError('not-tbx', { root: root.name });
  const defaultLang = langOf(root);
  const concepts = [...findAll(root, 'conceptEntry'), ...findAll(root, 'termEntry')];
  const entries: GlossaryFileEntry[] = [];
  const problems: GlossaryFileProblem[] = [];
  const seen = new Map<string, number>();
  concepts.forEach((concept, index) => {
    const id = attr(concept, 'id');
    const at: GlossaryFilePlace = id ? { entry: index + 1, id } : { entry: index + 1 };
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
      problems.push({ at, code: 'no-chinese', params: {} });
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
      problems.push({ at, ...problem });
      return;
    }
    const earlier = seen.get(entry.zh);
    if (earlier !== undefined) {
      problems.push({ at, code: 'duplicate-entry', params: { zh: entry.zh, entry: earlier } });
      return;
    }
    seen.set(entry.zh, index + 1);
    entries.push(entry);
  });
  if (concepts.length === 0) throw new GlossaryFileError('no-entries');
  return { format: 'tbx', entries, problems };
}

/** Reads a glossary file by its content: XML is TBX, anything else CSV. */
export function readGlossaryFile(text: string): GlossaryFileRead {
  return /^\ufeff?\s*</.test(text) ? readGlossaryTbx(text) : readGlossaryCsv(text);
}
