import { describe, expect, it } from 'vitest';
import { align } from './align.ts';
import {
  confirmRow,
  confirmThrough,
  coverageProblem,
  markUnmatched,
  mergeWithNext,
  realign,
  shiftBoundary,
  splitRow,
  toRows,
} from './edit.ts';
import { loadBitext } from './fixtures/dev-set.ts';
import { seededRandom } from './fixtures/perturb.ts';
import type { AlignRow } from './types.ts';

const { zh, en, gold } = loadBitext('kazakhstan');
// The rows of the gold alignment, as the screen would hold them once loaded.
const start = toRows(gold.map((l) => ({ ...l, confidence: 1, reasons: [] })));
const shapes = (rows: readonly AlignRow[]): string[] => rows.map((r) => `${r.zh.join(',')}|${r.en.join(',')}`);
const sound = (rows: readonly AlignRow[]): void => expect(coverageProblem(rows, zh.length, en.length)).toBeNull();

describe('editing operations', () => {
  it('start from rows that cover everything, unconfirmed', () => {
    sound(start);
    expect(start.every((r) => !r.confirmed)).toBe(true);
    expect(shapes(start).slice(0, 2)).toEqual(['0|0', '1|1,2']);
    sound(toRows(align(zh, en).links));
  });

  it('merge a row with the next one', () => {
    const rows = mergeWithNext(start, 0);
    expect(shapes(rows).slice(0, 2)).toEqual(['0,1|0,1,2', '2|3']);
    expect(rows[0]!.reasons).toEqual([{ kind: 'edited', text: 'edited by hand' }]);
    sound(rows);
    expect(() => mergeWithNext(start, start.length - 1)).toThrow(RangeError);
  });

  it('split a row on either side or both', () => {
    const merged = mergeWithNext(start, 0);
    expect(shapes(splitRow(merged, 0, { zh: 1, en: 1 })).slice(0, 2)).toEqual(['0|0', '1|1,2']);
    expect(shapes(splitRow(start, 1, { en: 1 })).slice(0, 3)).toEqual(['0|0', '1|1', '|2']);
    expect(shapes(splitRow(merged, 0, { zh: 1 })).slice(0, 2)).toEqual(['0|0,1,2', '1|']);
    sound(splitRow(merged, 0, { zh: 1, en: 1 }));
    expect(() => splitRow(start, 1, { en: 0, zh: 0 })).toThrow(RangeError);
    expect(() => splitRow(start, 1, { en: 3 })).toThrow(RangeError);
  });

  it('shift a boundary up and down, dropping a row left empty', () => {
    // Move "President Xi … held official talks" up a row, then back down.
    const moved = shiftBoundary(start, 0, 'down');
    expect(shapes(moved).slice(0, 2)).toEqual(['0|0,1', '1|2']);
    expect(shapes(shiftBoundary(moved, 0, 'up')).slice(0, 2)).toEqual(['0|0', '1|1,2']);
    sound(moved);
    const unmatched = markUnmatched(start, 1);
    const index = unmatched.findIndex((r) => r.zh.length === 0);
    const absorbed = shiftBoundary(unmatched, index - 1, 'down');
    expect(absorbed).toHaveLength(unmatched.length - 1);
    sound(absorbed);
    expect(() => shiftBoundary(start, 0, 'down', 'zh')).not.toThrow();
    expect(() => shiftBoundary(toRows([{ zh: [0], en: [], confidence: 1, reasons: [] }, { zh: [1], en: [0], confidence: 1, reasons: [] }]), 0, 'up')).toThrow(RangeError);
  });

  it('mark an English paragraph unmatched', () => {
    expect(shapes(markUnmatched(start, 1)).slice(0, 3)).toEqual(['0|0', '|1', '1|2']);
    expect(shapes(markUnmatched(start, 2)).slice(0, 3)).toEqual(['0|0', '1|1', '|2']);
    expect(shapes(markUnmatched(start, 0)).slice(0, 2)).toEqual(['0|', '|0']);
    const three = mergeWithNext(mergeWithNext(start, 0), 0);
    expect(shapes(markUnmatched(three, 1)).slice(0, 4)).toEqual(['0,1,2|0', '|1', '|2', '|3']);
    sound(markUnmatched(three, 1));
    expect(shapes(markUnmatched(start, 51, 'zh')).slice(-3)).toEqual(['|51', '51|', '52|']);
    expect(markUnmatched(start, 52, 'zh')).toEqual(start);
  });

  it('confirm one row, or every row down to one', () => {
    const one = confirmRow(start, 3);
    expect(one.filter((r) => r.confirmed)).toHaveLength(1);
    expect(confirmRow(one, 3, false).some((r) => r.confirmed)).toBe(false);
    const through = confirmThrough(start, 4);
    expect(through.map((r) => r.confirmed).slice(0, 6)).toEqual([true, true, true, true, true, false]);
    expect(start.some((r) => r.confirmed)).toBe(false);
  });

  it('realign keeps the confirmed rows and re-aligns the rest around them', () => {
    // The translator decides the first English paragraph goes with nothing and confirms that.
    const edited = confirmRow(markUnmatched(start, 0, 'en'), 1);
    expect(shapes(edited).slice(0, 2)).toEqual(['0|', '|0']);
    const rows = realign(edited, zh, en);
    expect(rows.find((r) => r.confirmed)).toMatchObject({ zh: [], en: [0], confidence: 1 });
    expect(rows.filter((r) => r.confirmed)).toHaveLength(1);
    expect(rows.some((r) => r.en.includes(0) && r.zh.length > 0)).toBe(false);
    sound(rows);
  });

  it('never change their input', () => {
    const before = JSON.stringify(start);
    mergeWithNext(start, 3);
    splitRow(start, 1, { en: 1 });
    shiftBoundary(start, 5, 'up');
    markUnmatched(start, 7);
    confirmThrough(start, 9);
    expect(JSON.stringify(start)).toBe(before);
  });

  // Some 70 re-alignments among the 400 edits: seconds on a busy machine.
  it('keep every index covered once and in order through a long random sequence of edits', { timeout: 30_000 }, () => {
    const random = seededRandom(7);
    let rows = start;
    const history: AlignRow[][] = [rows];
    for (let step = 0; step < 400; step++) {
      const r = Math.floor(random() * rows.length);
      const row = rows[r]!;
      const op = Math.floor(random() * 6);
      try {
        if (op === 0) rows = mergeWithNext(rows, r);
        else if (op === 1) rows = splitRow(rows, r, { zh: Math.floor(random() * (row.zh.length + 1)), en: Math.floor(random() * (row.en.length + 1)) });
        else if (op === 2) rows = shiftBoundary(rows, r, random() < 0.5 ? 'up' : 'down', random() < 0.5 ? 'en' : 'zh');
        else if (op === 3) rows = markUnmatched(rows, Math.floor(random() * en.length), random() < 0.7 ? 'en' : 'zh');
        else if (op === 4) rows = confirmRow(rows, r, random() < 0.5);
        else rows = realign(rows, zh, en);
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
      }
      sound(rows);
      history.push(rows);
    }
    // Undo is a stack of states: every earlier state is intact.
    for (const state of history) sound(state);
  });
});

describe('coverageProblem', () => {
  it('names the first problem', () => {
    expect(coverageProblem([{ zh: [0], en: [1] }], 1, 2)).toMatch(/en index 1 where 0/);
    expect(coverageProblem([{ zh: [0], en: [0] }, { zh: [], en: [] }], 1, 1)).toMatch(/row 1 is empty/);
    expect(coverageProblem([{ zh: [0], en: [0] }], 2, 1)).toMatch(/zh indices stop at 1 of 2/);
  });
});
