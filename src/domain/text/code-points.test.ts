import { describe, expect, it } from 'vitest';
import { codePointLength, codePointToUtf16, sliceCodePoints, utf16ToCodePoint } from './code-points.ts';

// U+20000 (𠀀) and U+2A6D6 (𪛖) are CJK Extension B characters: two UTF-16 units each.
const ASTRAL = '甲𠀀乙丙𪛖丁';

describe('code points', () => {
  it('counts astral characters once', () => {
    expect(ASTRAL.length).toBe(8);
    expect(codePointLength(ASTRAL)).toBe(6);
  });

  it('converts offsets both ways', () => {
    expect(utf16ToCodePoint(ASTRAL, 3)).toBe(2); // after 甲𠀀
    expect(codePointToUtf16(ASTRAL, 2)).toBe(3);
    expect(utf16ToCodePoint(ASTRAL, 2)).toBe(1); // inside the surrogate pair rounds down
    expect(codePointToUtf16(ASTRAL, 99)).toBe(ASTRAL.length);
    expect(sliceCodePoints(ASTRAL, 1, 2)).toBe('𠀀');
  });
});
