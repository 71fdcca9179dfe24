// The shape of a paragraph beyond its length: whether it reads as prose, a title line, a numbered
// heading or a note about the text (a source line, an editor, a caption), and how many sentences it
// has. Headings and notes keep their own paragraph in a translation far more often than prose does
// (and never close another paragraph); a translation mostly keeps the number of sentences.

import type { Mention } from './landmarks.ts';

/** Sentence-closing marks: a paragraph ending on one of them (before closing quotes or brackets) is prose. */
const ZH_CLOSING = new Set([...'。！？；…!?;.：:，,、'].map((ch) => ch.charCodeAt(0)));
const EN_CLOSING = new Set([...'.!?;:…,'].map((ch) => ch.charCodeAt(0)));
const TRAILING = new Set([...'”’」』）)》"\']'].map((ch) => ch.charCodeAt(0)));

/** Whether the text ends on one of the closing marks, closing quotes and brackets aside. */
function closed(text: string, marks: ReadonlySet<number>): boolean {
  let end = text.length;
  while (end > 0 && TRAILING.has(text.charCodeAt(end - 1))) end--;
  return end > 0 && marks.has(text.charCodeAt(end - 1));
}

/** Longest heading, in Chinese characters and in English words. */
const ZH_HEADING_CHARS = 30;
const EN_HEADING_WORDS = 16;

/**
 * 0: prose; 1: a short line not closed like a sentence (a title, a signature); 2: a numbered heading;
 * 3: a note about the text rather than part of it (a source, an editor, a caption, all in brackets).
 */
export type ParagraphForm = 0 | 1 | 2 | 3;

export const PROSE = 0 as const;
export const LINE = 1 as const;
export const HEADING = 2 as const;
export const NOTE = 3 as const;

const ZH_NOTE = /^(?:[（(][^（）()]*[）)]$|(?:资料来源|数据来源|来源|责任编辑|编辑|记者|通讯员|摄影|图片来源|图片说明|原标题)[：:])/;
const EN_NOTE = /^(?:\([^()]*\)$|(?:Source|Sources|Editor|Photo|Caption|Reporter)s?\s*:)/i;

/** What a Chinese paragraph reads as; `mentions` are its landmarks (a section number makes a heading). */
export function zhForm(text: string, mentions: readonly Mention[]): ParagraphForm {
  if (ZH_NOTE.test(text)) return NOTE;
  if (text.length > ZH_HEADING_CHARS * 2 || closed(text, ZH_CLOSING)) return PROSE;
  if (mentions.some((m) => m.kind === 'section')) return HEADING;
  return text.length <= ZH_HEADING_CHARS ? LINE : PROSE;
}

/** What an English paragraph reads as; `mentions` are its landmarks (a section number makes a heading). */
export function enForm(text: string, mentions: readonly Mention[]): ParagraphForm {
  if (EN_NOTE.test(text)) return NOTE;
  if (closed(text, EN_CLOSING)) return PROSE;
  const words = text.split(/\s+/).length;
  if (mentions.some((m) => m.kind === 'section')) return words <= EN_HEADING_WORDS * 2 ? HEADING : PROSE;
  return words <= EN_HEADING_WORDS ? LINE : PROSE;
}

const ZH_SENTENCE_END = /[。！？!?]+[”’」』）)"']*/g;
const ZH_SENTENCE_CLOSING = new Set([...'。！？!?'].map((ch) => ch.charCodeAt(0)));

/** Sentences of a Chinese paragraph (closed by 。！？; a clause closed by ；is not one), one at least. */
export function countZhSentences(text: string): number {
  ZH_SENTENCE_END.lastIndex = 0;
  let n = 0;
  while (ZH_SENTENCE_END.exec(text) !== null) n++;
  if (!closed(text, ZH_SENTENCE_CLOSING)) n++;
  return n;
}

const EN_SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s+["'“‘([]?[A-Z0-9])/g;
const EN_SHORT_TOKEN = /(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Art|Vol|Gen|Sen|Rep|Gov|Jr|Sr|(?:[A-Za-z]\.)+[A-Za-z])$/;

/**
 * Sentences of an English paragraph (as splitEnSentences cuts them, near enough), one at least.
 * `stops`: whether a . ! ? ; or : comes before the paragraph's last character, when already known
 * (englishWords' EN_STOP); without one the paragraph is a single sentence.
 */
export function countEnSentences(text: string, stops = true): number {
  if (!stops) return 1;
  EN_SENTENCE_END.lastIndex = 0;
  let n = 1;
  let start = 0;
  for (let m = EN_SENTENCE_END.exec(text); m !== null; m = EN_SENTENCE_END.exec(text)) {
    // "Mr. Xi", "U.S. President": an abbreviation's full stop ends no sentence; nor does "II." or "(1)" opening one.
    if (m[0] === '.' && EN_SHORT_TOKEN.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (m.index - start <= 6 && LIST_MARKER.test(text.slice(start, m.index + m[0].length).trim())) continue;
    n++;
    start = m.index + m[0].length;
  }
  return n;
}

const LIST_MARKER = /^\(?(?:\d{1,3}|[IVXLC]{1,6}|[a-z])[.)]$/;
