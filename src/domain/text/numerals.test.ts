import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parseEnglishCardinal, parseEnglishMonth, parseEnglishOrdinal, parseRoman, toRoman } from './numerals.ts';

describe('parseChineseNumber', () => {
  it.each([
    ['十', 10],
    ['十三', 13],
    ['二十一', 21],
    ['一百零五', 105],
    ['两千', 2000],
    ['四百亿', 4e10],
    ['三亿五千万', 3.5e8],
    ['一万亿', 1e12],
    ['四十一万亿', 4.1e13],
    ['二〇一四', 2014],
    ['一九九七', 1997],
    ['一点五', 1.5],
    ['三十五点二', 35.2],
  ])('%s = %d', (text, value) => {
    expect(parseChineseNumber(text)).toBeCloseTo(value, 6);
  });

  it('rejects text that is not a numeral', () => {
    expect(parseChineseNumber('')).toBeNull();
    expect(parseChineseNumber('双方')).toBeNull();
    expect(parseChineseNumber('一点二点三')).toBeNull();
  });
});

describe('Roman numerals and English number words', () => {
  it('reads well-formed Roman numerals only', () => {
    expect([parseRoman('I'), parseRoman('IV'), parseRoman('VI'), parseRoman('XIV'), parseRoman('XC')]).toEqual([1, 4, 6, 14, 90]);
    expect(parseRoman('IIII')).toBeNull();
    expect(parseRoman('IC')).toBeNull();
    expect(toRoman(49)).toBe('XLIX');
  });

  it('reads ordinals, cardinals and months', () => {
    expect(parseEnglishOrdinal('Fourth')).toBe(4);
    expect(parseEnglishOrdinal('twenty-first')).toBe(21);
    expect(parseEnglishOrdinal('thirtieth')).toBe(30);
    expect(parseEnglishOrdinal('fourteen')).toBeNull();
    expect(parseEnglishCardinal('twenty-two')).toBe(22);
    expect(parseEnglishCardinal('twelve')).toBe(12);
    expect(parseEnglishMonth('May')).toBe(5);
    expect(parseEnglishMonth('Sept.')).toBe(9);
    expect(parseEnglishMonth('Ma')).toBeNull();
  });
});
