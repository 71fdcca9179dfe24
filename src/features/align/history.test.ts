import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, push, redo, replace, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory('a');
    h = push(h, 'b');
    h = push(h, 'c');
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    h = redo(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('drops the redo branch when a new edit follows an undo', () => {
    let h = push(push(createHistory(1), 2), 3);
    h = push(undo(h), 4);
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(2);
  });

  it('does nothing at either end, and records no step for an unchanged state', () => {
    const h = createHistory({ rows: [] });
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
    expect(push(h, h.present)).toBe(h);
  });

  it('keeps at most `limit` earlier states, dropping the oldest', () => {
    let h = createHistory(0);
    for (let i = 1; i <= 10; i++) h = push(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
    h = undo(undo(undo(h)));
    expect(h.present).toBe(7);
    expect(canUndo(h)).toBe(false);
  });

  it('replaces the present without adding an undo step', () => {
    let h = push(createHistory('a'), 'b');
    h = replace(h, 'b2');
    expect(h.present).toBe('b2');
    expect(undo(h).present).toBe('a');
    expect(redo(undo(h)).present).toBe('b2');
  });
});
