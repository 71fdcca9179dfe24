// Landmarks: what a translation keeps verbatim or near-verbatim — numbers, dates, percentages, ordinals,
// section numbering, 《》 titles (through what they contain), glossary terms, Latin words, brackets and
// quotation marks. Each mention is reduced to atomic keys ("n:2014", "m:5", "s:3", "g:12") so that
// 2014年5月19日 and "19 May 2014" meet on the same keys, whatever order or script either side uses.

import { codePointLength, codePoints, truncateCodePoints, halfWidthDigits, halfWidthLetters, EN_CARDINALS, EN_ORDINALS, parseChineseNumber, parseEnglishMonth, parseRoman, ZH_DIGIT_CHARS, ZH_NUMERAL_CHARS } from '../text/index.ts';
import { EN_BRACKET, EN_DIGIT, EN_QUOTE, EN_STOP, type EnglishWords } from '../dictionary/index.ts';
import { pinShape } from './shape-pins.ts';
import type { LandmarkKind, GlossaryTerm } from './types.ts';

export interface Mention {
  kind: LandmarkKind;
  /** The text as written, for explaining a link. */
  surface: string;
  /** Offset and length of the mention in its paragraph (UTF-16 units). */
  at: number;
  length: number;
  keys: string[];
  /** The 《…》 title this mention sits in, if any (shortened for display). */
  inTitle?: string;
}

/** Canonical key of a numeric value: exact below 100,000, three significant digits above (translations round). */
export function numberKey(value: number): string {
  if (value >= 1e5) return 'n:' + Number(value.toPrecision(3)).toString();
  return 'n:' + Number(value.toFixed(4)).toString();
}

/** Brackets, quotation marks and a closing ! ? or : usually survive translation, but say little each. */
const PUNCTUATION_WEIGHT = 0.3;

/** How much a key says about a link: a year or a large number says a lot, a small integer little. */
export function keyWeight(key: string): number {
  switch (key.charCodeAt(0)) {
    case 115 /* s */:
      return 1.2;
    case 104 /* h */:
      return 0.8;
    case 103 /* g */:
    case 118 /* v */:
      return 1;
    case 109 /* m */:
      return 0.5;
    case 98 /* b */:
    case 113 /* q */:
    case 120 /* x */:
      return PUNCTUATION_WEIGHT;
    default: {
      const value = Number(key.slice(2));
      if (!Number.isInteger(value) || value >= 100) return 1;
      if (value >= 32) return 0.8;
      if (value >= 13) return 0.6;
      return 0.35;
    }
  }
}

function parseArabic(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** Marks spans already read so that a later, looser pattern does not read them again. */
class Spans {
  // A paragraph holds a handful of mentions at most: a flat list of [start, end) pairs is enough.
  private readonly taken: number[] = [];
  free(start: number, end: number): boolean {
    for (let k = 0; k < this.taken.length; k += 2) {
      if (start < this.taken[k + 1]! && this.taken[k]! < end) return false;
    }
    return true;
  }
  take(start: number, end: number): void {
    this.taken.push(start, end);
  }
}
pinShape(new Spans());

function scan(text: string, spans: Spans, pattern: RegExp, read: Reader, out: Mention[]): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const start = match.index;
    const end = start + match[0].length;
    if (!spans.free(start, end)) continue;
    const mention = read(match);
    if (mention === null || mention.keys.length === 0) continue;
    spans.take(start, end);
    const surface = match[0].trim();
    // Field by field: spreading the reader's result took V8's slow path here (about a microsecond a mention).
    out.push({ kind: mention.kind, keys: mention.keys, surface, at: start + match[0].length - match[0].trimStart().length, length: surface.length });
  }
}

// ---------------------------------------------------------------------------------------------- Chinese

const CN = `[${ZH_NUMERAL_CHARS}]`;
const CN_START = '[〇○零一二三四五六七八九十两]';
const CN_SMALL = '[〇○零一二三四五六七八九十]';
const ARABIC = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const ZH_MONTH_OR_DAY = `\\d{1,2}|${CN_SMALL}{1,3}`;

function zhValue(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  if (/^[\d.,]+$/.test(text)) return parseArabic(text);
  return parseChineseNumber(text);
}

function dateKeys(year: number | null, month: number | null, days: Array<number | null>): string[] | null {
  if (month !== null && (month < 1 || month > 12)) return null;
  const keys: string[] = [];
  if (year !== null) keys.push(numberKey(year));
  if (month !== null) keys.push('m:' + month);
  for (const day of days) {
    if (day === null) continue;
    if (day < 1 || day > 31) return null;
    keys.push(numberKey(day));
  }
  return keys;
}

const ZH_MAGNITUDE: Record<string, number> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };

const ZH_DATE = new RegExp(
  `(\\d{4}|[${ZH_DIGIT_CHARS}]{4})年(?:(${ZH_MONTH_OR_DAY})月(?:(${ZH_MONTH_OR_DAY})[日号])?)?` +
    `(?:(?:至|到|—|－|-|–|~|～|、|和)(?:(${ZH_MONTH_OR_DAY})[日号]))?`,
  'g',
);
const ZH_MONTH_DAY = new RegExp(
  `(${ZH_MONTH_OR_DAY})月(?:(${ZH_MONTH_OR_DAY})[日号](?:(?:至|到|—|－|-|–|~|～|、|和)(${ZH_MONTH_OR_DAY})[日号])?)?`,
  'g',
);
const ZH_PERCENT = new RegExp(`百分之(${ARABIC}|${CN}+(?:点${CN_SMALL}+)?)|(${ARABIC})\\s*%`, 'g');
// 一是……二是…… at the start of a clause, the Chinese way of enumerating (First, … Second, …).
const ZH_ENUMERATION = new RegExp(`(?<=^|[，。；：、,;:])(${CN_START}${CN_SMALL}?)是`, 'g');
const ZH_ORDINAL = new RegExp(`第(${ARABIC}|${CN_START}${CN}*)`, 'g');
// A numbered phase, session or round is an ordinal in English: 二期 "the second phase", 三届 "the third session".
const ZH_COUNTED_ORDINAL = new RegExp(`(?<![${ZH_NUMERAL_CHARS}第])(${CN_START}${CN_SMALL}{0,2}|\\d{1,3})(?:期|届|轮)`, 'g');
const ZH_ARABIC = new RegExp(`(${ARABIC})(?:多|余)?(万亿|亿|万)?`, 'g');
const ZH_NUMERAL = new RegExp(`(${CN_START}${CN}*(?:点${CN_SMALL}+)?)(多|余)?(万亿|亿|万)?(?=(年|个|次|届|项|名|位|人|倍|周年|岁|天|国|多|余|家|所|座|条|种|批|场|元|美元|公里|吨)?)`, 'g');
const ZH_TITLE = /《[^《》]{1,200}》/g;

// Section numbering: the number (key s:N) and the level it is written at (key h:L:N): major headings
// (一 / 一、/ 第一章 ↔ I / Part One), minor ones (（一）/ 1. ↔ 1. / (1) / (a)) and articles (第一条 ↔ Article 1).
// A number written at another level still matches on s:N; the level only adds to a match.
const MAJOR = 1;
const MINOR = 2;
const ARTICLE = 3;

function sectionMention(surface: string, value: number, level: number): Mention {
  return { kind: 'section', surface, at: 0, length: surface.length, keys: ['s:' + value, `h:${level}:${value}`] };
}

const ZH_SECTION: Array<[RegExp, number]> = [
  [new RegExp(`^第(${CN_START}${CN_SMALL}{0,2}|\\d{1,3})条`), ARTICLE],
  [new RegExp(`^第?(${CN_START}${CN_SMALL}{0,2})(?:[、.．]|章|部分|编|$)`), MAJOR],
  [new RegExp(`^第(${CN_START}${CN_SMALL}{0,2})节`), MINOR],
  [new RegExp(`^[（(](${CN_START}${CN_SMALL}{0,2}|\\d{1,2})[）)]`), MINOR],
  [/^(\d{1,2})(?:[、．]|\.(?!\d))/, MINOR],
  [/^([\u2160-\u216b])(?:[、.．\s]|$)/, MAJOR],
];

/** Value of a Unicode Roman numeral character (Ⅰ … Ⅻ, ⅰ … ⅻ), or null. */
function unicodeRoman(text: string): number | null {
  const code = text.charCodeAt(0);
  if (text.length === 1 && code >= 0x2160 && code <= 0x216b) return code - 0x215f;
  if (text.length === 1 && code >= 0x2170 && code <= 0x217b) return code - 0x216f;
  return null;
}

function zhSection(paragraph: string): Mention | null {
  for (const [pattern, level] of ZH_SECTION) {
    const match = pattern.exec(paragraph);
    const value = match ? unicodeRoman(match[1] ?? '') ?? zhValue(match[1]) : null;
    if (match && value !== null && value >= 1 && value < 1000) return sectionMention(match[0], value, level);
  }
  return null;
}

// What a Chinese paragraph contains, found in one pass, so that patterns that cannot match are not run.
const HAS_DIGIT = 1;
const HAS_BIG_NUMERAL = 2;
const HAS_BRACKET = 4;
const HAS_QUOTE = 8;

/** 1: a numeral digit (〇零一二三四五六七八九两); 2: a numeral that makes ten or more (十百千万亿). */
const NUMERAL_CLASS = new Uint8Array(0x10000);
for (const ch of '〇○零一二三四五六七八九两') NUMERAL_CLASS[ch.charCodeAt(0)] = 1;
for (const ch of '十百千万亿') NUMERAL_CLASS[ch.charCodeAt(0)] = 2;

/** Digits; 十百千万亿 or two numeral digits in a row (a Chinese numeral worth 10 or more); brackets; quotes. */
function zhContents(text: string): number {
  let flags = 0;
  let numeralRun = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) flags |= HAS_DIGIT;
    else if (c === 0xff08 || c === 40) flags |= HAS_BRACKET;
    else if (c === 0x201c || c === 0x300c || c === 34) flags |= HAS_QUOTE;
    const numeral = NUMERAL_CLASS[c]!;
    if (numeral === 2 || (numeral === 1 && numeralRun)) flags |= HAS_BIG_NUMERAL;
    numeralRun = numeral === 1;
  }
  return flags;
}

function digitOrNumeral(c: number): boolean {
  return (c >= 48 && c <= 57) || NUMERAL_CLASS[c] !== 0;
}

/** Whether `mark` follows a digit or a Chinese numeral somewhere in the text: what the patterns ending in 年, 月, 是, 期… need. */
function afterNumeral(text: string, mark: string): boolean {
  for (let at = text.indexOf(mark, 1); at > 0; at = text.indexOf(mark, at + 1)) if (digitOrNumeral(text.charCodeAt(at - 1))) return true;
  return false;
}

/** Whether `mark` is followed by a digit or a Chinese numeral somewhere in the text (第 of an ordinal). */
function beforeNumeral(text: string, mark: string): boolean {
  for (let at = text.indexOf(mark); at >= 0 && at + 1 < text.length; at = text.indexOf(mark, at + 1)) if (digitOrNumeral(text.charCodeAt(at + 1))) return true;
  return false;
}

type Reader = (match: RegExpExecArray) => Pick<Mention, 'kind' | 'keys'> | null;

// Readers of the Chinese patterns' matches (module-level: nothing is allocated per paragraph for them).
const readZhDate: Reader = (m) => {
  const keys = dateKeys(zhValue(m[1]), zhValue(m[2]), [zhValue(m[3]), zhValue(m[4])]);
  return keys && { kind: 'date', keys };
};
const readZhMonthDay: Reader = (m) => {
  const keys = dateKeys(null, zhValue(m[1]), [zhValue(m[2]), zhValue(m[3])]);
  return keys && { kind: 'date', keys };
};
const readZhPercent: Reader = (m) => {
  const value = zhValue(m[1] ?? m[2]);
  return value === null ? null : { kind: 'percent', keys: [numberKey(value)] };
};
const readZhOrdinal: Reader = (m) => {
  const value = zhValue(m[1]);
  return value === null ? null : { kind: 'ordinal', keys: [numberKey(value)] };
};
const readZhArabic: Reader = (m) => {
  const value = parseArabic(m[1] ?? '') * (ZH_MAGNITUDE[m[2] ?? ''] ?? 1);
  return Number.isFinite(value) ? { kind: 'number', keys: [numberKey(value)] } : null;
};
const readZhNumeral: Reader = (m) => {
  const base = parseChineseNumber(m[1] ?? '');
  if (base === null) return null;
  const value = base * (ZH_MAGNITUDE[m[3] ?? ''] ?? 1);
  // Outside dates, ordinals and magnitudes, a Chinese numeral is a word (一致, 进一步); keep only counted ten-plus.
  const counted = m[4] !== undefined || m[2] !== undefined;
  if (value >= 1e4 || (value >= 10 && counted)) return { kind: 'number', keys: [numberKey(value)] };
  return null;
};

export function extractZhLandmarks(paragraph: string, glossary?: GlossaryIndex): Mention[] {
  const text = halfWidthDigits(paragraph);
  const spans = new Spans();
  const out: Mention[] = [];
  const section = zhSection(text);
  if (section !== null) {
    out.push(section);
    spans.take(0, section.surface.length);
  }
  // Each pattern runs only where the characters it needs occur: 年, 月, 是, 期, 届, 轮 right after a number, 第 right before one.
  const contents = zhContents(text);
  if (afterNumeral(text, '年')) scan(text, spans, ZH_DATE, readZhDate, out);
  if (afterNumeral(text, '月')) scan(text, spans, ZH_MONTH_DAY, readZhMonthDay, out);
  if (text.includes('%') || text.includes('百分之')) scan(text, spans, ZH_PERCENT, readZhPercent, out);
  if (afterNumeral(text, '是')) scan(text, spans, ZH_ENUMERATION, readZhOrdinal, out);
  if (beforeNumeral(text, '第')) scan(text, spans, ZH_ORDINAL, readZhOrdinal, out);
  if (afterNumeral(text, '期') || afterNumeral(text, '届') || afterNumeral(text, '轮')) scan(text, spans, ZH_COUNTED_ORDINAL, readZhOrdinal, out);
  if (contents & HAS_DIGIT) scan(text, spans, ZH_ARABIC, readZhArabic, out);
  if (contents & HAS_BIG_NUMERAL) scan(text, spans, ZH_NUMERAL, readZhNumeral, out);
  if (glossary) out.push(...glossary.matchZh(text));
  if (text.includes('《')) markTitles(text, out);
  punctuation(text, contents & HAS_BRACKET ? ZH_BRACKETS : null, contents & HAS_QUOTE ? ZH_QUOTES : null, section?.length ?? 0, out);
  sortByPosition(out);
  return out;
}

/** Insertion sort by position: mention lists are short and nearly sorted (Array.prototype.sort would copy them). */
export function sortByPosition(mentions: Mention[]): void {
  for (let k = 1; k < mentions.length; k++) {
    const m = mentions[k]!;
    let at = k;
    while (at > 0 && mentions[at - 1]!.at > m.at) {
      mentions[at] = mentions[at - 1]!;
      at--;
    }
    mentions[at] = m;
  }
}

/** Mentions inside 《…》 are reported as matches on the title they sit in. */
function markTitles(text: string, mentions: Mention[]): void {
  const titles = [...text.matchAll(ZH_TITLE)];
  if (titles.length === 0) return;
  for (const mention of mentions) {
    if (mention.kind === 'section') continue;
    const title = titles.find((t) => t.index <= mention.at && mention.at < t.index + t[0].length);
    if (title) mention.inTitle = codePointLength(title[0]) > 24 ? truncateCodePoints(title[0], 22, '…》') : title[0];
  }
}

// ---------------------------------------------------------------------------------------------- English

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const EN_DAY_MONTH = new RegExp(`\\b${DAY}(?:\\s*(?:-|–|to|and)\\s*${DAY})?\\s+${MONTH}(?:,?\\s+${YEAR})?`, 'g');
const EN_MONTH_DAY = new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?:\\s*(?:-|–|to|and)\\s*${DAY}\\b)?(?:,?\\s+${YEAR})?`, 'g');
const EN_MONTH_YEAR = new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, 'g');
const EN_MONTH_ALONE = new RegExp(
  `\\b(?:in|since|by|until|till|from|before|after|during|through|early|late|mid-|end of|beginning of|middle of)\\s+${MONTH}(?![\\w-])`,
  'g',
);
const EN_PERCENT = new RegExp(`(${ARABIC})\\s*(?:%|percent\\b|per cent\\b)`, 'g');
const EN_MAGNITUDE_WORD: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, mn: 1e6, bn: 1e9,
};
const EN_NUMBER = new RegExp(`(${ARABIC})(?:\\s*(thousand|million|billion|trillion|mn|bn)\\b|(st|nd|rd|th)\\b)?`, 'g');
// "first" is mostly an adverb; only "First," or "Firstly," opening a sentence enumerates.
const EN_FIRST = /(?<=^|[.;:!?]\s+)First(?:ly)?(?=,)/g;
const NUMBER_WORD = new RegExp(
  `\\b(${[...EN_CARDINALS.keys(), ...EN_ORDINALS.keys()].sort((a, b) => b.length - a.length).join('|')})\\b(?:\\s+([A-Za-z]+))?`,
  'gi',
);
const COUNTED_NOUNS = new Set(['year', 'years', 'times', 'sessions', 'countries', 'rounds', 'members', 'nations', 'months', 'days', 'projects']);

const EN_SECTION_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const SECTION_WORD = '(\\d{1,2}|[IVXLC]+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)';

function readSectionWord(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return parseRoman(s) ?? (EN_SECTION_WORDS.indexOf(s.toLowerCase()) + 1 || null);
}

const EN_SECTION: Array<[RegExp, (s: string) => number | null, number]> = [
  [/^Article\s+(\d{1,3})\b/, Number, ARTICLE],
  [/^(?:(?:Part|Chapter)\s+)?([IVXLC]+)(?:\.|\))?$/, parseRoman, MAJOR],
  [/^(?:(?:Part|Chapter)\s+)?([IVXLC]+)[.)]\s+\S/, parseRoman, MAJOR],
  [new RegExp(`^(?:Part|Chapter)\\s+${SECTION_WORD}\\b`), readSectionWord, MAJOR],
  [new RegExp(`^Section\\s+${SECTION_WORD}\\b`), readSectionWord, MINOR],
  [/^([\u2160-\u216b\u2170-\u217b])(?:[.)\s]|$)/, unicodeRoman, MAJOR],
  [/^(\d{1,2})[.)]?$/, Number, MINOR],
  [/^(\d{1,2})[.)]\s+\S/, Number, MINOR],
  [/^\((\d{1,2}|[a-z])\)\s*/, (s) => (/^\d+$/.test(s) ? Number(s) : s.charCodeAt(0) - 96), MINOR],
];

/** Characters an English section number can begin with (the patterns above): most paragraphs begin otherwise. */
const EN_SECTION_START = /^[APCSIVXL\d(\u2160-\u216b\u2170-\u217b]/;

function enSection(paragraph: string): Mention | null {
  if (!EN_SECTION_START.test(paragraph)) return null;
  for (const [pattern, read, level] of EN_SECTION) {
    const match = pattern.exec(paragraph);
    if (!match) continue;
    const value = read(match[1] ?? '');
    if (value !== null && value >= 1 && value < 1000) return sectionMention(match[0].replace(/\s+\S$/, '').trim(), value, level);
  }
  // A heading led by a Roman numeral without a full stop, "II Economic Cooperation", or run into the
  // text it heads, "V The two sides note…" (the pronoun I is followed by a lower-case word).
  const bare = /^([IVXLC]+)\s+[A-Z][a-z]/.exec(paragraph);
  const value = bare ? parseRoman(bare[1] ?? '') : null;
  if (bare && value !== null) return sectionMention(bare[1] ?? '', value, MAJOR);
  return null;
}

// A section number inside a paragraph, after a sentence: a heading whose paragraph break was lost
// ("… in 2017. V", "… mechanism. 2. Increasing Funding", "… online. (b) Training").
const EN_EMBEDDED_SECTION =
  /(?<=[.!?;:]["'”’)]*\s+)(?:(?:Part|Chapter)\s+)?(?:([IVXLC]+)\.?|(\d{1,2})[.)]|\((\d{1,2}|[a-z])\))(?=\s+[A-Z]|\s*$)/g;

function embeddedSections(text: string, spans: Spans, out: Mention[]): void {
  scan(text, spans, EN_EMBEDDED_SECTION, readEmbeddedSection, out);
}

function readEmbeddedSection(m: RegExpExecArray): ReturnType<Reader> {
  let value: number | null;
  let level = MINOR;
  if (m[1] !== undefined) {
    value = parseRoman(m[1]);
    level = MAJOR;
  } else if (m[2] !== undefined) value = Number(m[2]);
  else value = /^\d+$/.test(m[3] ?? '') ? Number(m[3]) : (m[3] ?? 'a').charCodeAt(0) - 96;
  if (value === null || value < 1) return null;
  return { kind: 'section', keys: ['s:' + value, `h:${level}:${value}`] };
}

function enDate(month: string | undefined, year: string | undefined, days: Array<string | undefined>): string[] | null {
  const m = month === undefined ? null : parseEnglishMonth(month);
  if (m === null) return null;
  return dateKeys(year === undefined ? null : Number(year), m, days.map((d) => (d === undefined ? null : Number(d))));
}

/**
 * Numbers written as words, in one pass over the words: ordinals ("fourth", "twenty-first"; not
 * "first", mostly an adverb), cardinals before a magnitude ("two billion"), and counted cardinals from
 * ten up ("twelve years", as the Chinese side keeps only counted numerals from ten up).
 */
function scanNumberWords(text: string, spans: Spans, out: Mention[]): void {
  NUMBER_WORD.lastIndex = 0;
  for (let m = NUMBER_WORD.exec(text); m !== null; m = NUMBER_WORD.exec(text)) {
    const word = m[1] ?? '';
    const next = m[2];
    const start = m.index;
    // The following word is only looked at, never consumed: it may be a number word itself.
    NUMBER_WORD.lastIndex = start + word.length;
    const lower = word.toLowerCase();
    const ordinal = EN_ORDINALS.get(lower);
    const cardinal = EN_CARDINALS.get(lower);
    let value: number | undefined;
    let end = start + word.length;
    let kind: LandmarkKind = 'number';
    if (ordinal !== undefined) {
      if (ordinal === 1) continue;
      value = ordinal;
      kind = 'ordinal';
    } else if (cardinal !== undefined && next !== undefined) {
      const scale = EN_MAGNITUDE_WORD[next.toLowerCase()];
      if (scale !== undefined && scale >= 1e3) {
        value = cardinal * scale;
        end = m.index + m[0].length;
      } else if (cardinal >= 10 && COUNTED_NOUNS.has(next.toLowerCase())) {
        value = cardinal;
      }
    }
    if (value === undefined || !spans.free(start, end)) continue;
    spans.take(start, end);
    const surface = text.slice(start, end);
    out.push({ kind, surface, at: start, length: surface.length, keys: [numberKey(value)] });
  }
}

/** Cheap test before EN_EMBEDDED_SECTION: a sentence end, then a Roman numeral, a number and a stop, or a bracketed label. */
const EMBEDDED_HINT = /[.!?;:]["'”’)]*\s+(?:[IVXLC]|\d{1,2}[.)]|\(\w{1,2}\)|Part |Chapter )/;

const MONTH_STARTS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// What an English paragraph contains, so that patterns that cannot match are not run: the characters
// englishWords notes while tokenising (EN_DIGIT, EN_STOP, EN_BRACKET, EN_QUOTE) and these two, from its words.
/** A word scanNumberWords may read: an ordinal other than "first", a cardinal from ten up (or the head of "twenty-first"), a magnitude. */
const EN_NUMBER_WORD = 32;
/** A word beginning as a month's name does (the date patterns need one). */
const EN_MONTH_WORD = 64;

const LOWER_MONTH_STARTS = new Set(MONTH_STARTS.map((month) => month.toLowerCase()));

function wordContents(word: string): number {
  let bits = LOWER_MONTH_STARTS.has(word.slice(0, 3)) ? EN_MONTH_WORD : 0;
  const ordinal = EN_ORDINALS.get(word);
  if ((ordinal !== undefined && ordinal !== 1) || (EN_CARDINALS.get(word) ?? 0) >= 10 || Object.hasOwn(EN_MAGNITUDE_WORD, word)) bits |= EN_NUMBER_WORD;
  return bits;
}

/**
 * What each of the English paragraphs `texts` contains, from their words and characters (`english`,
 * their englishWords): one pass over all of them instead of a search per pattern and paragraph.
 */
export function enContentsOf(texts: readonly string[], english: EnglishWords): Uint8Array {
  const byWord = Uint8Array.from(english.words, wordContents);
  const { start, ids, contents } = english;
  const out = new Uint8Array(texts.length);
  for (let t = 0; t < texts.length; t++) {
    let bits = contents[t]!;
    for (let k = start[t]!, end = start[t + 1]!; k < end; k++) bits |= byWord[ids[k]!]!;
    // Words are compared in lower case; the date patterns want the month's capital too.
    if (bits & EN_MONTH_WORD && !MONTH_STARTS.some((month) => texts[t]!.includes(month))) bits &= ~EN_MONTH_WORD;
    out[t] = bits;
  }
  return out;
}

const DIGIT = /[0-9\uff10-\uff19]/;

/**
 * What a paragraph read alone contains, from a few searches (far cheaper than tokenising it): the
 * number-word and embedded-section patterns, which no search rules out as cheaply, are left to run.
 */
function enContents(text: string): number {
  let bits = EN_STOP | EN_NUMBER_WORD;
  if (DIGIT.test(text)) bits |= EN_DIGIT;
  if (text.includes('(')) bits |= EN_BRACKET;
  if (text.includes('"') || text.includes('“')) bits |= EN_QUOTE;
  if (MONTH_STARTS.some((month) => text.includes(month))) bits |= EN_MONTH_WORD;
  return bits;
}

/** `contents`: what the paragraph contains (enContentsOf), when the whole document's is at hand. */
export function extractEnLandmarks(paragraph: string, glossary?: GlossaryIndex, contents = enContents(paragraph)): Mention[] {
  const text = halfWidthDigits(paragraph);
  const spans = new Spans();
  const out: Mention[] = [];
  const section = enSection(text);
  if (section !== null) {
    out.push(section);
    spans.take(0, section.surface.length);
  }
  const digits = (contents & EN_DIGIT) !== 0;
  if (contents & EN_STOP && EMBEDDED_HINT.test(text)) embeddedSections(text, spans, out);
  if (contents & EN_MONTH_WORD) scanEnDates(text, spans, out, digits);
  if (digits) {
    // A percentage needs its sign or its word: searching for them is far cheaper than running the pattern.
    if (text.includes('%') || text.includes('percent') || text.includes('per cent')) scan(text, spans, EN_PERCENT, readEnPercent, out);
    scan(text, spans, EN_NUMBER, readEnNumber, out);
  }
  if (text.includes('First')) scan(text, spans, EN_FIRST, readEnFirst, out);
  if (contents & EN_NUMBER_WORD) scanNumberWords(text, spans, out);
  if (glossary) out.push(...glossary.matchEn(text));
  punctuation(text, contents & EN_BRACKET ? EN_BRACKETS : null, contents & EN_QUOTE ? EN_QUOTES : null, section?.length ?? 0, out);
  sortByPosition(out);
  return out;
}

// Readers of the English patterns' matches.
const readEnPercent: Reader = (m) => ({ kind: 'percent', keys: [numberKey(parseArabic(m[1] ?? ''))] });
const readEnNumber: Reader = (m) => {
  const value = parseArabic(m[1] ?? '') * (EN_MAGNITUDE_WORD[m[2] ?? ''] ?? 1);
  if (!Number.isFinite(value)) return null;
  return { kind: m[3] ? 'ordinal' : 'number', keys: [numberKey(value)] };
};
const readEnFirst: Reader = () => ({ kind: 'ordinal', keys: [numberKey(1)] });
const readEnMonthAlone: Reader = (m) => {
  const keys = enDate(m[1], undefined, []);
  return keys && { kind: 'date', keys };
};
const readEnDayMonth: Reader = (m) => {
  const keys = enDate(m[3], m[4], [m[1], m[2]]);
  return keys && { kind: 'date', keys };
};
const readEnMonthDay: Reader = (m) => {
  const keys = enDate(m[1], m[4], [m[2], m[3]]);
  return keys && { kind: 'date', keys };
};
const readEnMonthYear: Reader = (m) => {
  const keys = enDate(m[1], m[2], []);
  return keys && { kind: 'date', keys };
};

function scanEnDates(text: string, spans: Spans, out: Mention[], digits: boolean): void {
  if (digits) {
    scanEnNumericDates(text, spans, out);
  }
  scan(text, spans, EN_MONTH_ALONE, readEnMonthAlone, out);
}

function scanEnNumericDates(text: string, spans: Spans, out: Mention[]): void {
  scan(text, spans, EN_DAY_MONTH, readEnDayMonth, out);
  scan(text, spans, EN_MONTH_DAY, readEnMonthDay, out);
  scan(text, spans, EN_MONTH_YEAR, readEnMonthYear, out);
}

// ---------------------------------------------------------------------------------------------- Punctuation

const ZH_BRACKETS = /（[^（）()]*）|\([^（）()]*\)/g;
const ZH_QUOTES = /“[^“”]*”|「[^「」]*」|"[^"]*"/g;
const EN_BRACKETS = /\([^()]*\)/g;
const EN_QUOTES = /“[^“”]*”|"[^"]*"/g;
const CLOSING_KEYS: Record<string, string> = { '！': 'x:!', '!': 'x:!', '？': 'x:?', '?': 'x:?', '：': 'x::', ':': 'x::' };

function shorten(text: string): string {
  const points = codePoints(text);
  return points.length > 16 ? points.slice(0, 14).join('') + '…' + points.at(-1)! : text;
}

/** Marks that may close a paragraph after its ! ? or : (closing quotes and brackets), or white space. */
const TRAILING = new Set('”’」』）》)]"\' \t\n\r\u00a0\u3000'.split('').map((ch) => ch.charCodeAt(0)));

/**
 * Bracketed and quoted spans after `from` (past a section marker such as "（一）"), and a closing
 * ! ? or :, appended to `out`. A null pattern: the paragraph has no such mark.
 */
function punctuation(text: string, brackets: RegExp | null, quotes: RegExp | null, from: number, out: Mention[]): void {
  for (const [pattern, key] of [[brackets, 'b:'], [quotes, 'q:']] as const) {
    if (pattern === null) continue;
    for (const m of text.matchAll(pattern)) {
      if (m.index < from) continue;
      out.push({ kind: 'punctuation', surface: shorten(m[0]), at: m.index, length: m[0].length, keys: [key] });
    }
  }
  let end = text.length;
  while (end > 0 && TRAILING.has(text.charCodeAt(end - 1))) end--;
  const key = end > 0 ? CLOSING_KEYS[text[end - 1]!] : undefined;
  if (key) out.push({ kind: 'punctuation', surface: text[end - 1]!, at: end - 1, length: 1, keys: [key] });
}

// ---------------------------------------------------------------------------------------------- Glossary

const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*(?:[-&.][A-Za-z0-9]+)*/g;

/**
 * Latin-script words written in the Chinese (EXPO, APEC, GDP, 5G's G aside: two letters at least) are
 * mostly kept as they are in English: index them like glossary terms.
 */
export function buildVerbatimIndex(zhParagraphs: readonly string[]): GlossaryIndex | undefined {
  const words = new Set<string>();
  for (const p of zhParagraphs) {
    for (const m of halfWidthLetters(p).matchAll(LATIN_WORD)) if (m[0].length >= 2) words.add(m[0]);
  }
  if (words.size === 0) return undefined;
  const list = [...words].sort((a, b) => b.length - a.length);
  const ids = new Map(list.map((w, id) => [w.toLowerCase(), id]));
  const alternation = list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // Whole words only; in Chinese text a Latin word is bounded by non-Latin characters.
  const zhPattern = new RegExp(`(?<![A-Za-z0-9])(?:${alternation})(?![A-Za-z0-9])`, 'g');
  const enPattern = new RegExp(`(?<![A-Za-z0-9])(?:${alternation})(?![A-Za-z0-9])`, 'gi');
  const find = (text: string, pattern: RegExp): Mention[] => {
    const out: Mention[] = [];
    const seen = new Set<number>();
    for (const m of halfWidthLetters(text).matchAll(pattern)) {
      const id = ids.get(m[0].toLowerCase());
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      out.push({ kind: 'verbatim', surface: m[0], at: m.index, length: m[0].length, keys: ['v:' + id] });
    }
    return out;
  };
  return { matchZh: (text) => find(text, zhPattern), matchEn: (text) => find(text, enPattern) };
}

export interface GlossaryIndex {
  matchZh(text: string): Mention[];
  matchEn(text: string): Mention[];
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Index glossary terms by their first character (Chinese) or first word (English) so that a
 * paragraph is scanned once, whatever the size of the glossary. Longest match wins; each term
 * counts once per paragraph.
 */
export function buildGlossaryIndex(terms: readonly GlossaryTerm[]): GlossaryIndex | undefined {
  const kind = 'glossary';
  const prefix = 'g:';
  const byZhChar = new Map<string, Array<{ term: string; id: number }>>();
  const byEnWord = new Map<string, Array<{ term: string; id: number }>>();
  terms.forEach((t, id) => {
    const zh = t.zh.trim();
    const en = t.en.trim().toLowerCase().replace(/\s+/g, ' ');
    if (zh === '' || en === '') return;
    const zhFirst = zh.charAt(0);
    const enFirst = /[\p{L}\p{N}]+/u.exec(en)?.[0] ?? '';
    if (!byZhChar.has(zhFirst)) byZhChar.set(zhFirst, []);
    byZhChar.get(zhFirst)?.push({ term: zh, id });
    if (!byEnWord.has(enFirst)) byEnWord.set(enFirst, []);
    byEnWord.get(enFirst)?.push({ term: en, id });
  });
  if (byZhChar.size === 0) return undefined;
  for (const list of [...byZhChar.values(), ...byEnWord.values()]) list.sort((a, b) => b.term.length - a.term.length);

  const mention = (id: number, surface: string, at: number): Mention => ({
    kind,
    surface,
    at,
    length: surface.length,
    keys: [prefix + id],
  });

  return {
    matchZh(text) {
      const out: Mention[] = [];
      const seen = new Set<number>();
      for (let i = 0; i < text.length; ) {
        const hit = byZhChar.get(text.charAt(i))?.find((c) => text.startsWith(c.term, i));
        if (!hit) {
          i++;
          continue;
        }
        if (!seen.has(hit.id)) out.push(mention(hit.id, hit.term, i));
        seen.add(hit.id);
        i += hit.term.length;
      }
      return out;
    },
    matchEn(text) {
      const out: Mention[] = [];
      const seen = new Set<number>();
      const lower = text.toLowerCase().replace(/\s/g, ' ');
      for (const word of lower.matchAll(/[\p{L}\p{N}]+/gu)) {
        const at = word.index;
        const hit = byEnWord.get(word[0])?.find((c) => lower.startsWith(c.term, at) && !isWordChar(lower[at + c.term.length]));
        if (!hit || seen.has(hit.id)) continue;
        seen.add(hit.id);
        out.push(mention(hit.id, text.slice(at, at + hit.term.length), at));
      }
      return out;
    },
  };
}
