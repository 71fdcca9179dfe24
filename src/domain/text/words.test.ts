import { describe, expect, it } from 'vitest';
import { snapToWords, wordBoundaries } from './index.ts';

describe('word-snapped selection', () => {
  const text = '双方决定建立全面战略伙伴关系。';
  const slice = (r: { start: number; end: number }) => text.slice(r.start, r.end);

  it('finds word boundaries in Chinese', () => {
    const bounds = wordBoundaries('双方决定');
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(4);
    expect(bounds).toContain(2);
  });

  it('widens a selection that cuts words to the whole words', () => {
    // "方决" → 双方决定 (both words it touches)
    expect(slice(snapToWords(text, 1, 3))).toBe('双方决定');
    // one character inside a word → the word
    expect(slice(snapToWords(text, 0, 1))).toBe('双方');
  });

  it('keeps a selection already on word boundaries, and leaves punctuation out', () => {
    expect(slice(snapToWords(text, 0, 2))).toBe('双方');
    const end = text.length - 1;
    expect(slice(snapToWords(text, end - 2, end))).toBe(text.slice(end - 2, end));
  });
});
