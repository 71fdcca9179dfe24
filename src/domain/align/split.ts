// Splitting texts into the units the aligner works on: paragraphs, and sentences in either language.

export interface SplitParagraphOptions {
  /** One paragraph per non-blank line instead of blank-line separated blocks. */
  lines?: boolean;
}

// Whitespace as it occurs in Chinese exports: ASCII, U+3000 ideographic space, U+00A0, BOM.
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;
const BLANK = /^[\s\u3000\u00a0\ufeff]*$/;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function trimParagraph(text: string): string {
  return text.replace(EDGE_SPACE, '');
}

/** A gap between the columns of a signatory row: a tab, a U+3000 or a run of spaces inside a line. */
const COLUMN_GAP = /\S(?:\t|\u3000|[ \u00a0]{2,})\s*\S/;

/**
 * Join the lines of one paragraph: no space between CJK characters, one space between Latin words.
 * A block whose lines are laid out in columns (the signatory rows at the end of a declaration) keeps
 * its lines and their spacing: one line each, as the translation will store them.
 */
function joinLines(lines: string[]): string {
  if (lines.length > 1 && lines.some((line) => COLUMN_GAP.test(line))) return lines.join('\n');
  let out = '';
  for (const line of lines) {
    if (out === '') out = line;
    else if (CJK.test(out.slice(-1)) || CJK.test(line.charAt(0))) out += line;
    else out += ' ' + line;
  }
  return out;
}

export function splitParagraphs(text: string, options: SplitParagraphOptions = {}): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (options.lines) return lines.filter((line) => !BLANK.test(line)).map(trimParagraph);
  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length > 0) paragraphs.push(joinLines(block));
    block = [];
  };
  for (const line of lines) {
    if (BLANK.test(line)) flush();
    else block.push(trimParagraph(line));
  }
  flush();
  return paragraphs;
}

export type Language = 'zh' | 'en';

/** Guess the language of a text from its share of CJK characters. */
export function detectLanguage(text: string): Language {
  let cjk = 0;
  let letters = 0;
  for (const ch of text) {
    if (/[\u3400-\u9fff]/.test(ch)) cjk++;
    else if (/[A-Za-z]/.test(ch)) letters++;
  }
  return cjk * 3 >= letters ? 'zh' : 'en';
}

// A Chinese sentence ends at 。！？； (or their ASCII forms), plus any closing quotes and brackets.
const ZH_SENTENCE = /[^。！？；!?;]*(?:[。！？；!?;]+|$)[”’」』）》)\]"']*/gu;

export function splitZhSentences(paragraph: string): string[] {
  const out: string[] = [];
  for (const match of paragraph.matchAll(ZH_SENTENCE)) {
    const sentence = trimParagraph(match[0]);
    if (sentence !== '') out.push(sentence);
  }
  return out;
}

// Tokens after which a full stop does not end an English sentence.
const EN_ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'art', 'arts', 'vol', 'p', 'pp', 'para', 'paras', 'fig',
    'e.g', 'i.e', 'cf', 'vs', 'approx', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'jr', 'sr', 'rev', 'hon',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  ],
);

const LIST_MARKER = /^\(?(?:\d{1,3}|[IVXLC]{1,6}|[a-z])[.)]$/;

function endsWithAbbreviation(before: string): boolean {
  const token = /([A-Za-z.]+)\.$/.exec(before)?.[1] ?? '';
  if (token === '') return false;
  if (EN_ABBREVIATIONS.has(token.toLowerCase())) return true;
  // A single capital (an initial, "J. Smith") or dotted capitals ("U.S.", "U.N.").
  return /^[A-Z]$/.test(token) || /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(token);
}

export function splitEnSentences(paragraph: string): string[] {
  const out: string[] = [];
  const boundary = /[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[A-Z0-9])/g;
  let start = 0;
  for (const match of paragraph.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const before = paragraph.slice(start, match.index + 1);
    if (match[0].startsWith('.') && !match[0].startsWith('..') && endsWithAbbreviation(before)) continue;
    // A list or section marker ("1.", "IV.", "(a)") belongs to what follows it.
    if (LIST_MARKER.test(before.trim())) continue;
    const sentence = paragraph.slice(start, end).trim();
    if (sentence !== '') out.push(sentence);
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') out.push(rest);
  return out;
}

export function splitSentences(paragraph: string, language: Language = detectLanguage(paragraph)): string[] {
  return language === 'zh' ? splitZhSentences(paragraph) : splitEnSentences(paragraph);
}
