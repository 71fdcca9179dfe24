// Editing an alignment by hand. Every operation takes the rows and returns a new array (the input is
// never changed, so undo is a stack of states) whose rows still cover every Chinese and English index
// exactly once, in order. An impossible edit throws a RangeError; the screen disables it beforehand.

import { align } from './align.ts';
import type { AlignOptions, AlignRow, Link, LinkSpec, Reason } from './types.ts';

export type Side = 'zh' | 'en';

const EDITED: Reason = { kind: 'edited', text: 'edited by hand' };

function edited(zh: number[], en: number[]): AlignRow {
  return { zh, en, confidence: 1, reasons: [EDITED], confirmed: false };
}

function other(side: Side): Side {
  return side === 'zh' ? 'en' : 'zh';
}

function rowAt(rows: readonly AlignRow[], index: number): AlignRow {
  const row = rows[index];
  if (!row) throw new RangeError(`no row ${index}`);
  return row;
}

export function toRows(links: readonly Link[], confirmed: readonly LinkSpec[] = []): AlignRow[] {
  const keys = new Set(confirmed.map((l) => l.zh.join(',') + '|' + l.en.join(',')));
  return links.map((l) => ({ ...l, confirmed: keys.has(l.zh.join(',') + '|' + l.en.join(',')) }));
}

/** What is wrong with the rows (an index missing, repeated or out of order), or null if they are sound. */
export function coverageProblem(rows: readonly Pick<LinkSpec, 'zh' | 'en'>[], zhCount: number, enCount: number): string | null {
  for (const side of ['zh', 'en'] as const) {
    const count = side === 'zh' ? zhCount : enCount;
    let next = 0;
    for (const [r, row] of rows.entries()) {
      if (row.zh.length === 0 && row.en.length === 0) return `row ${r} is empty`;
      for (const k of row[side]) {
        if (k !== next) return `row ${r}: ${side} index ${k} where ${next} was expected`;
        next++;
      }
    }
    if (next !== count) return `${side} indices stop at ${next} of ${count}`;
  }
  return null;
}

/** Merge a row with the one below it. */
export function mergeWithNext(rows: readonly AlignRow[], index: number): AlignRow[] {
  const a = rowAt(rows, index);
  const b = rowAt(rows, index + 1);
  const out = [...rows];
  out.splice(index, 2, edited([...a.zh, ...b.zh], [...a.en, ...b.en]));
  return out;
}

/**
 * Split a row in two: the first keeps the first `at.zh` Chinese and `at.en` English paragraphs (all of
 * a side not given), the second the rest. Splitting a 1-2 row with {en: 1} gives a 1-1 and a 0-1 row.
 */
export function splitRow(rows: readonly AlignRow[], index: number, at: { zh?: number; en?: number }): AlignRow[] {
  const row = rowAt(rows, index);
  const zhCut = at.zh ?? row.zh.length;
  const enCut = at.en ?? row.en.length;
  if (zhCut < 0 || zhCut > row.zh.length || enCut < 0 || enCut > row.en.length) throw new RangeError('split position out of range');
  const first = edited(row.zh.slice(0, zhCut), row.en.slice(0, enCut));
  const second = edited(row.zh.slice(zhCut), row.en.slice(enCut));
  if (first.zh.length + first.en.length === 0 || second.zh.length + second.en.length === 0) {
    throw new RangeError('a split must leave something on both sides of the cut');
  }
  const out = [...rows];
  out.splice(index, 1, first, second);
  return out;
}

/**
 * Move the boundary between row `index` and the row below it by one paragraph of `side`:
 * 'up' moves the last paragraph of the upper row down into the lower one, 'down' moves the first
 * paragraph of the lower row up into the upper one. A row left empty disappears.
 */
export function shiftBoundary(rows: readonly AlignRow[], index: number, direction: 'up' | 'down', side: Side = 'en'): AlignRow[] {
  const upper = rowAt(rows, index);
  const lower = rowAt(rows, index + 1);
  let upperSide = [...upper[side]];
  let lowerSide = [...lower[side]];
  if (direction === 'up') {
    const moved = upperSide.pop();
    if (moved === undefined) throw new RangeError(`row ${index} has no ${side} paragraph to move`);
    lowerSide = [moved, ...lowerSide];
  } else {
    const moved = lowerSide.shift();
    if (moved === undefined) throw new RangeError(`row ${index + 1} has no ${side} paragraph to move`);
    upperSide = [...upperSide, moved];
  }
  const make = (row: AlignRow, values: number[]): AlignRow =>
    side === 'zh' ? edited(values, [...row.en]) : edited([...row.zh], values);
  const replaced = [make(upper, upperSide), make(lower, lowerSide)].filter((r) => r.zh.length + r.en.length > 0);
  const out = [...rows];
  out.splice(index, 2, ...replaced);
  return out;
}

/**
 * Take one paragraph out of its row and give it a row of its own (0-1 for English, 1-0 for Chinese).
 * Paragraphs of its row after it also become unmatched, since a row's paragraphs must stay contiguous.
 */
export function markUnmatched(rows: readonly AlignRow[], paragraph: number, side: Side = 'en'): AlignRow[] {
  const index = rows.findIndex((r) => r[side].includes(paragraph));
  if (index < 0) throw new RangeError(`${side} paragraph ${paragraph} is in no row`);
  const row = rowAt(rows, index);
  const values = row[side];
  const at = values.indexOf(paragraph);
  if (values.length === 1 && row[other(side)].length === 0) return [...rows];
  const alone = (k: number): AlignRow => (side === 'zh' ? edited([k], []) : edited([], [k]));
  const keep = (values_: number[]): AlignRow =>
    side === 'zh' ? edited(values_, [...row.en]) : edited([...row.zh], values_);
  let replaced: AlignRow[];
  if (at === 0 && values.length > 1) {
    replaced = [alone(paragraph), keep(values.slice(1))];
  } else {
    replaced = [keep(values.slice(0, at)), ...values.slice(at).map(alone)];
  }
  const out = [...rows];
  out.splice(index, 1, ...replaced.filter((r) => r.zh.length + r.en.length > 0));
  return out;
}

export function confirmRow(rows: readonly AlignRow[], index: number, confirmed = true): AlignRow[] {
  const row = rowAt(rows, index);
  const out = [...rows];
  out[index] = { ...row, confirmed };
  return out;
}

/** Confirm every row from the first down to `index`, included. */
export function confirmThrough(rows: readonly AlignRow[], index: number): AlignRow[] {
  rowAt(rows, index);
  return rows.map((row, r) => (r <= index && !row.confirmed ? { ...row, confirmed: true } : row));
}

/** Align again, keeping the confirmed rows as they are. */
export function realign(
  rows: readonly AlignRow[],
  zh: readonly string[],
  en: readonly string[],
  options: Omit<AlignOptions, 'confirmed'> = {},
): AlignRow[] {
  const confirmed = rows.filter((r) => r.confirmed).map((r) => ({ zh: [...r.zh], en: [...r.en] }));
  const result = align(zh, en, { ...options, confirmed });
  return toRows(result.links, confirmed);
}

/**
 * Split English paragraph `paragraph` in two (`first` and `second`, e.g. its sentences before and
 * after a cut): the English list gains a paragraph, the row holding it holds both halves, and every
 * later English index moves up by one. When that row joins several Chinese paragraphs it is split
 * too, the first Chinese paragraph with the English up to the cut, the rest with the English after.
 */
export function splitEnglishParagraph(
  rows: readonly AlignRow[],
  en: readonly string[],
  paragraph: number,
  first: string,
  second: string,
): { rows: AlignRow[]; en: string[] } {
  if (paragraph < 0 || paragraph >= en.length) throw new RangeError(`English paragraph ${paragraph} does not exist`);
  if (first.trim() === '' || second.trim() === '') throw new RangeError('both halves of a split paragraph need text');
  const index = rows.findIndex((r) => r.en.includes(paragraph));
  if (index < 0) throw new RangeError(`English paragraph ${paragraph} is in no row`);
  const nextEn = [...en.slice(0, paragraph), first.trim(), second.trim(), ...en.slice(paragraph + 1)];
  const shift = (j: number) => (j > paragraph ? j + 1 : j);
  let nextRows: AlignRow[] = rows.map((row, r) => {
    if (r === index) return edited([...row.zh], row.en.flatMap((j) => (j === paragraph ? [j, j + 1] : [shift(j)])));
    return row.en.some((j) => j > paragraph) ? { ...row, en: row.en.map(shift) } : row;
  });
  const row = nextRows[index]!;
  if (row.zh.length >= 2) nextRows = splitRow(nextRows, index, { zh: 1, en: row.en.indexOf(paragraph + 1) });
  return { rows: nextRows, en: nextEn };
}
