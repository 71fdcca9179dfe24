import { describe, expect, it } from 'vitest';
import { looksLineSeparated } from './english-source.tsx';

describe('looksLineSeparated', () => {
  it('reads blank-line separated text as paragraphs, and a text without blank lines as one per line', () => {
    expect(looksLineSeparated('First paragraph,\nwrapped.\n\nSecond paragraph.')).toBe(false);
    expect(looksLineSeparated('First paragraph.\r\nSecond paragraph.\r\nThird.')).toBe(true);
    expect(looksLineSeparated('Only one paragraph.')).toBe(false);
    expect(looksLineSeparated('One.\n  \u3000 \nTwo.')).toBe(false);
    expect(looksLineSeparated('\n\nOne.\nTwo.\n\n')).toBe(true);
  });
});
