import { parseDate } from '../text/index.ts';
import { isIndented, quote } from './lines.ts';
import { importNotice, type ImportNotice } from './notices.ts';

export interface Header {
  keywords: string[];
  collection: string | null;
  title: string | null;
  metadata: Record<string, string>;
  published_on: string | null;
  /** True when the file carries the export header (keywords, collection or known metadata lines). */
  exported: boolean;
  /** Index of the first line after the header. */
  bodyStart: number;
  notices: ImportNotice[];
}

export interface HeaderOptions {
  firstLineIsTitle: boolean;
}

const KNOWN_KEYS = new Set([
  '发布时间', '发表时间', '发布日期', '出版日期', '日期', '时间', '来源', '出处', '作者', '责任编辑', '责编', '编辑', '记者',
  '原标题', '副标题', '栏目', '版次', '版面', '版名', '标签', '分类', '类别', '文号', '地点', '场合', '会议', '字数',
]);
const DATE_KEYS = ['发布时间', '发表时间', '发布日期', '出版日期', '日期', '时间'];
const KEYWORDS_LABEL = /^关\s*键\s*[词字]\s*[：:]\s*(.*)$/;
const COLLECTION = /^\S{2,30}(?:数据库|资料库|文库)$/;
const SUBTITLE = /^(?:——|—|－－|--)\S/;
// A key is a few letters, possibly spaced out for alignment (来\u3000源：); the value may hold further pairs.
const PAIR_START = /^((?:[\p{Script=Han}A-Za-z][\s]?){1,8}?)\s*[：:]\s*/u;
const NEXT_PAIR = /\s+(?=(?:[\p{Script=Han}][\s]?){2,6}[：:])/u;

function splitKeywords(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter((k) => k !== '');
}

type Pair = [key: string, value: string];

/** `key：value` pairs on one line (来源：人民日报\u3000作者：张三), or null when the line is not metadata. */
function metadataPairs(line: string, acceptUnknown: boolean): Pair[] | null {
  const pairs: Pair[] = [];
  let rest = line;
  while (rest !== '') {
    const start = PAIR_START.exec(rest);
    if (!start) return null;
    const key = start[1]!.replace(/\s/g, '');
    const after = rest.slice(start[0].length);
    const split = NEXT_PAIR.exec(after);
    const value = (split ? after.slice(0, split.index) : after).trim();
    const known = KNOWN_KEYS.has(key);
    if (!known && !(acceptUnknown && /^\p{Script=Han}{2,6}$/u.test(key) && value !== '' && value.length <= 100)) return null;
    pairs.push([key, value]);
    rest = split ? after.slice(split.index).trim() : '';
  }
  return pairs.length > 0 ? pairs : null;
}

function isKnownMetadata(line: string): boolean {
  return metadataPairs(line, false) !== null;
}

/** The export format is recognised by its opening lines, before any indented paragraph. */
function looksExported(lines: readonly string[]): boolean {
  let seen = 0;
  for (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    if (isIndented(line) || seen++ >= 8) return false;
    if (KEYWORDS_LABEL.test(text) || COLLECTION.test(text) || isKnownMetadata(text)) return true;
  }
  return false;
}

/**
 * Reads the header of the speeches-database export: 关键词： and its keyword line, the collection
 * line, the title, and `key：value` metadata lines in any order. A file without that header
 * yields just a title (its first line) unless `firstLineIsTitle` is false.
 */
export function parseHeader(lines: readonly string[], options: HeaderOptions): Header {
  const header: Header = {
    keywords: [], collection: null, title: null, metadata: {}, published_on: null, exported: looksExported(lines), bodyStart: 0, notices: [],
  };
  let i = 0;
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const text = raw.trim();
    if (text === '') continue;
    if (isIndented(raw)) break;
    if (header.exported) {
      const keywords = KEYWORDS_LABEL.exec(text);
      if (keywords) {
        i = readKeywords(lines, i, keywords[1]!.trim(), header);
        continue;
      }
      // Unknown keys only after the title, so a title such as 习近平：… is never taken for metadata.
      const pairs = metadataPairs(text, header.title !== null);
      if (pairs) {
        addMetadata(header, pairs);
        continue;
      }
      if (header.collection === null && header.title === null && COLLECTION.test(text)) {
        header.collection = text;
        continue;
      }
    }
    if (header.title === null) {
      if (!header.exported && !options.firstLineIsTitle) break;
      header.title = text;
      if (!header.exported) {
        header.notices.push(importNotice('noHeader', { text: quote(text) }));
        i++;
        break;
      }
      continue;
    }
    if (header.exported && SUBTITLE.test(text) && header.metadata['副标题'] === undefined) {
      header.metadata['副标题'] = text;
      header.notices.push(importNotice('subtitle', { text: quote(text) }));
      continue;
    }
    break;
  }
  header.bodyStart = i;
  readPublishedOn(header);
  return header;
}

function readKeywords(lines: readonly string[], at: number, sameLine: string, header: Header): number {
  let list = sameLine;
  let end = at;
  if (list === '') {
    let next = at + 1;
    while (next < lines.length && lines[next]!.trim() === '') next++;
    const candidate = lines[next];
    const text = candidate?.trim() ?? '';
    if (candidate !== undefined && !isIndented(candidate) && !COLLECTION.test(text) && !isKnownMetadata(text) && !KEYWORDS_LABEL.test(text)) {
      list = text;
      end = next;
    }
  }
  const unique = [...new Set(splitKeywords(list))];
  const all = splitKeywords(list);
  if (unique.length < all.length) header.notices.push(importNotice('repeatedKeywords', { count: all.length - unique.length }));
  header.keywords.push(...unique.filter((k) => !header.keywords.includes(k)));
  return end;
}

function addMetadata(header: Header, pairs: readonly Pair[]): void {
  for (const [key, value] of pairs) {
    if (header.metadata[key] !== undefined && header.metadata[key] !== value) {
      header.notices.push(importNotice('metadataTwice', { key, kept: quote(header.metadata[key]!), ignored: quote(value) }));
      continue;
    }
    header.metadata[key] = value;
  }
}

function readPublishedOn(header: Header): void {
  for (const key of DATE_KEYS) {
    const raw = header.metadata[key];
    if (raw === undefined || raw === '') continue;
    const iso = parseDate(raw);
    if (iso) {
      header.published_on = iso;
      return;
    }
    header.notices.push(importNotice('notADate', { key, value: quote(raw) }));
    return;
  }
}
