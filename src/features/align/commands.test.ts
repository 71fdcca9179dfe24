import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { align, CHECK_BELOW, coverageProblem, toRows, splitParagraphs, type AlignRow } from '../../domain/align/index.ts';
import { canRun, commandForKey, defaultSplit, englishToSplit, moveSelection, needsCheck, runEdit, type EditCommand, type KeyLike } from './commands.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
const row = (zh: number[], en: number[], confidence = 0.95, confirmed = false): AlignRow => ({ zh, en, confidence, reasons: [], confirmed });

describe('commandForKey', () => {
  it('maps the listed shortcuts', () => {
    expect(commandForKey(key('m'))).toBe('merge');
    expect(commandForKey(key('S'))).toBe('split');
    expect(commandForKey(key('u'))).toBe('unmatch');
    expect(commandForKey(key('r'))).toBe('realign');
    expect(commandForKey(key('ArrowUp', { altKey: true }))).toBe('shiftUp');
    expect(commandForKey(key('ArrowDown', { altKey: true }))).toBe('shiftDown');
    expect(commandForKey(key('ArrowUp', { altKey: true, shiftKey: true }))).toBe('shiftUpZh');
    expect(commandForKey(key('Enter'))).toBe('confirm');
    expect(commandForKey(key('Enter', { shiftKey: true }))).toBe('confirmAbove');
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(key('z', { metaKey: true }))).toBe('undo');
    expect(commandForKey(key('y', { ctrlKey: true }))).toBe('redo');
    expect(commandForKey(key('ArrowDown'))).toBe('next');
    expect(commandForKey(key('n'))).toBe('nextToCheck');
    expect(commandForKey(key('e'))).toBe('splitEnglish');
  });

  it('leaves other keys and browser shortcuts alone', () => {
    expect(commandForKey(key('m', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(key('s', { metaKey: true }))).toBeNull();
    expect(commandForKey(key('x'))).toBeNull();
    expect(commandForKey(key('M', { shiftKey: true }))).toBeNull();
    expect(commandForKey(key('Tab'))).toBeNull();
  });
});

describe('defaultSplit', () => {
  it('halves each side, and takes a 1-1 link apart', () => {
    expect(defaultSplit({ zh: [0], en: [0, 1] })).toEqual({ zh: 1, en: 1 });
    expect(defaultSplit({ zh: [0, 1], en: [0] })).toEqual({ zh: 1, en: 1 });
    expect(defaultSplit({ zh: [0, 1, 2], en: [0] })).toEqual({ zh: 2, en: 1 });
    expect(defaultSplit({ zh: [0], en: [0] })).toEqual({ zh: 1, en: 0 });
    expect(defaultSplit({ zh: [0], en: [] })).toBeNull();
  });
});

describe('runEdit', () => {
  const rows = [row([0], [0, 1], 0.6), row([1], [2]), row([2, 3], [3]), row([], [4], 0.5)];

  it('merges and splits back to the same paragraphs', () => {
    const merged = runEdit({ rows, selected: 1 }, 'merge');
    expect(merged.rows.map((r) => [r.zh, r.en])).toEqual([[[0], [0, 1]], [[1, 2, 3], [2, 3]], [[], [4]]]);
    const split = runEdit(merged, 'split');
    expect(split.rows[1]).toMatchObject({ zh: [1, 2], en: [2] });
    expect(split.rows[2]).toMatchObject({ zh: [3], en: [3] });
    expect(split.selected).toBe(1);
  });

  it('moves the boundary below the selected row, on either side', () => {
    expect(runEdit({ rows, selected: 0 }, 'shiftUp').rows.slice(0, 2).map((r) => r.en)).toEqual([[0], [1, 2]]);
    expect(runEdit({ rows, selected: 1 }, 'shiftDown').rows.slice(1, 3).map((r) => r.en)).toEqual([[2, 3], []]);
    expect(runEdit({ rows, selected: 1 }, 'shiftDownZh').rows.slice(1, 3).map((r) => r.zh)).toEqual([[1, 2], [3]]);
  });

  it('gives the last English paragraph of the row a row of its own', () => {
    const out = runEdit({ rows, selected: 0 }, 'unmatch');
    expect(out.rows.slice(0, 2).map((r) => [r.zh, r.en])).toEqual([[[0], [0]], [[], [1]]]);
  });

  it('confirms and moves on; confirms everything above', () => {
    const once = runEdit({ rows, selected: 1 }, 'confirm');
    expect(once.rows[1]!.confirmed).toBe(true);
    expect(once.selected).toBe(2);
    expect(runEdit({ rows: once.rows, selected: 1 }, 'confirm').rows[1]!.confirmed).toBe(false);
    const above = runEdit({ rows, selected: 2 }, 'confirmAbove');
    expect(above.rows.map((r) => r.confirmed)).toEqual([true, true, true, false]);
    expect(canRun(above, 'confirmAbove')).toBe(false);
  });

  it('refuses what does not apply, exactly when canRun says so', () => {
    expect(canRun({ rows, selected: 3 }, 'merge')).toBe(false);
    expect(() => runEdit({ rows, selected: 3 }, 'merge')).toThrow(RangeError);
    expect(canRun({ rows, selected: 3 }, 'unmatch')).toBe(false);
    expect(canRun({ rows, selected: 2 }, 'shiftDownZh')).toBe(false);
  });

  it('keeps every paragraph in exactly one row through any sequence of edits on a real alignment', () => {
    const zh = splitParagraphs(readFileSync(new URL('../../domain/align/fixtures/speech.zh.txt', import.meta.url), 'utf8'));
    const en = splitParagraphs(readFileSync(new URL('../../domain/align/fixtures/speech.en.txt', import.meta.url), 'utf8'));
    let state = { rows: toRows(align(zh, en).links) as readonly AlignRow[], selected: 0 };
    const commands: EditCommand[] = ['merge', 'split', 'shiftUp', 'shiftDown', 'shiftUpZh', 'shiftDownZh', 'unmatch', 'confirm', 'confirmAbove'];
    let applied = 0;
    for (let step = 0; step < 400; step++) {
      const command = commands[(step * 7) % commands.length]!;
      state = { ...state, selected: (step * 5) % state.rows.length };
      if (!canRun(state, command)) continue;
      state = runEdit(state, command);
      applied++;
      expect(coverageProblem(state.rows, zh.length, en.length), `${command} at step ${step}`).toBeNull();
      expect(state.selected).toBeLessThan(state.rows.length);
    }
    expect(applied).toBeGreaterThan(200);
  });
});

describe('needsCheck and moveSelection', () => {
  const rows = [row([0], [0]), row([1], [1], 0.5), row([2], [2], 0.5, true), row([3], []), row([4], [3])];

  it('flags low confidence and unmatched rows unless confirmed', () => {
    expect(rows.map(needsCheck)).toEqual([false, true, false, true, false]);
  });

  it('flags exactly the rows under the calibrated threshold, and rows joining Chinese paragraphs', () => {
    expect(needsCheck(row([0], [0], CHECK_BELOW))).toBe(false);
    expect(needsCheck(row([0], [0], CHECK_BELOW - 0.001))).toBe(true);
    expect(needsCheck(row([0, 1], [0, 1], 0.99))).toBe(true);
    expect(needsCheck(row([0], [0, 1], 0.99))).toBe(false);
    expect(needsCheck(row([0, 1], [0, 1], 0.99, true))).toBe(false);
  });

  it('moves to the next row to check, wrapping around', () => {
    expect(moveSelection({ rows, selected: 0 }, 'nextToCheck')).toBe(1);
    expect(moveSelection({ rows, selected: 1 }, 'nextToCheck')).toBe(3);
    expect(moveSelection({ rows, selected: 3 }, 'nextToCheck')).toBe(1);
    expect(moveSelection({ rows, selected: 0 }, 'prev')).toBe(0);
    expect(moveSelection({ rows, selected: 0 }, 'last')).toBe(4);
  });
});

describe('englishToSplit', () => {
  it('names the last English paragraph of the selected row that has several sentences', () => {
    const en = ['One sentence.', 'First. Second.', 'Third. Fourth.', 'Alone.'];
    const rows = [row([0], [0]), row([1, 2], [1, 2]), row([3], [3])];
    expect(englishToSplit({ rows, en, selected: 0 })).toBeNull();
    expect(englishToSplit({ rows, en, selected: 1 })).toBe(2);
    expect(englishToSplit({ rows, en, selected: 2 })).toBeNull();
  });
});
