// Text as search compares it, the same fold as private.search_fold in the database: full-width
// digits and letters as ASCII, every kind of space as one space, ASCII letters lowered. Character
// for character (one UTF-16 unit for one), so an offset in the folded text is one in the original.

import { toHalfWidth } from '../text/index.ts';

const FOLDABLE = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0\t\n\rA-Z]/g;

function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff5a) return toHalfWidth(ch).toLowerCase();
  if (c === 0x3000 || c === 0xa0 || c === 0x09 || c === 0x0a || c === 0x0d) return ' ';
  return ch.toLowerCase();
}

export function searchFold(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}

/** A query as search uses it: folded, trimmed, runs of spaces as one. */
export function foldQuery(query: string): string {
  return searchFold(query).trim().replace(/ {2,}/g, ' ');
}

export interface TextRange {
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
}

/** Every occurrence of the query in the text, folded alike, left to right and not overlapping. */
export function findMatches(text: string, query: string): TextRange[] {
  const q = foldQuery(query);
  if (q === '') return [];
  const folded = searchFold(text);
  const out: TextRange[] = [];
  for (let at = folded.indexOf(q); at !== -1; at = folded.indexOf(q, at + q.length)) out.push({ start: at, end: at + q.length });
  return out;
}
