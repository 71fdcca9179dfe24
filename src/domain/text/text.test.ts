import { describe, expect, it } from 'vitest';
import { codePointLength, truncateCodePoints } from './code-points.ts';
import { parseDate } from './dates.ts';
import { halfWidthDigits, halfWidthLetters, toHalfWidth } from './full-width.ts';
import { parseChineseNumber } from './numerals.ts';

// The importer (dates in headers) and the aligner (numbers in paragraphs) read Chinese numerals
// through one parser: the cases where the two once disagreed.
describe('one reading of Chinese numerals for dates and numbers', () => {
  it('reads ○ (U+25CB) as zero, like 〇', () => {
    expect(parseChineseNumber('二○一四')).toBe(2014);
    expect(parseChineseNumber('一○五')).toBe(105);
    expect(parseDate('二○一四年五月十九日')).toBe('2014-05-19');
    expect(parseDate('二〇一四年五月十九日')).toBe('2014-05-19');
  });

  it('refuses a repeated or misordered unit (十十, 十百) in numbers and dates alike', () => {
    expect(parseChineseNumber('十十')).toBeNull();
    expect(parseChineseNumber('十百')).toBeNull();
    expect(parseChineseNumber('三百三百')).toBeNull();
    expect(parseDate('二〇一四年十十月一日')).toBeNull();
    expect(parseDate('二〇一四年五月十十日')).toBeNull();
  });

  it('still reads units in falling order and groups above them', () => {
    expect(parseChineseNumber('三千五百二十')).toBe(3520);
    expect(parseChineseNumber('一万零一百')).toBe(10100);
    expect(parseChineseNumber('十万')).toBe(1e5);
    expect(parseChineseNumber('三十一')).toBe(31);
  });
});

describe('full-width forms', () => {
  it('maps each class to ASCII, one unit per character', () => {
    const text = '２０１４年５％，ＧＤＰ增长１．５（约）';
    expect(toHalfWidth(text)).toBe('2014年5%,GDP增长1.5(约)');
    expect(halfWidthDigits(text)).toBe('2014年5%，ＧＤＰ增长1.5（约）');
    expect(halfWidthLetters(text)).toBe('２０１４年５％，GDP增长１．５（约）');
    for (const f of [toHalfWidth, halfWidthDigits, halfWidthLetters]) expect(f(text).length).toBe(text.length);
  });
});

describe('truncateCodePoints', () => {
  it('cuts by code points, never inside a surrogate pair', () => {
    const astral = '甲𠀀乙丙𪛖丁';
    expect(truncateCodePoints(astral, 2)).toBe('甲𠀀…');
    expect(truncateCodePoints(astral, 6)).toBe(astral);
    expect(truncateCodePoints(astral, 4, '…》')).toBe('甲𠀀乙丙…》');
    expect(codePointLength(truncateCodePoints(astral, 5, ''))).toBe(5);
  });
});
