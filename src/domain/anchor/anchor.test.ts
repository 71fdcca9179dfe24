import { describe, expect, it } from 'vitest';
import { codePointLength, codePointToUtf16, sliceCodePoints, utf16ToCodePoint } from '../text/index.ts';
import { describeSpan, describeUtf16Range } from './selectors.ts';
import { anchorQuote, editDistance } from './match-quote.ts';

// Paragraph 4 of the sample declaration (2014 China–Kazakhstan joint declaration).
const P =
  '双方决定，遵循2002年12月23日签订的《中华人民共和国和哈萨克斯坦共和国睦邻友好合作条约》、2011年6月13日签订的《中华人民共和国和哈萨克斯坦共和国关于发展全面战略伙伴关系的联合声明》、2013年9月7日签订的《中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言》以及其他双边条约、协议的精神和原则，进一步加强政治互信、推动互利合作、巩固睦邻友好，实现共同发展和繁荣。';

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

describe('describe', () => {
  it('records quote, context and code point positions', () => {
    const start = P.indexOf('睦邻友好合作条约');
    const sel = describeUtf16Range(P, start, start + '睦邻友好合作条约'.length)!;
    expect(sel.quote.exact).toBe('睦邻友好合作条约');
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start, end: start + 8 });
    expect(codePointLength(sel.quote.prefix)).toBe(32);
    expect(sel.quote.prefix.endsWith('哈萨克斯坦共和国')).toBe(true);
    expect(sel.quote.suffix.startsWith('》、2011年')).toBe(true);
  });

  it('counts positions in code points around astral characters', () => {
    const sel = describeUtf16Range(ASTRAL, 3, 5)!; // 乙丙
    expect(sel.quote).toEqual({ type: 'TextQuoteSelector', exact: '乙丙', prefix: '甲𠀀', suffix: '𪛖丁' });
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start: 2, end: 4 });
  });

  it('selects an astral character as one code point', () => {
    const sel = describeUtf16Range(ASTRAL, 5, 7)!;
    expect(sel.quote.exact).toBe('𪛖');
    expect(sel.position).toMatchObject({ start: 4, end: 5 });
  });

  it('trims edge whitespace and rejects empty spans', () => {
    const text = 'ab  cd';
    expect(describeUtf16Range(text, 1, 4)!.quote.exact).toBe('b');
    expect(describeUtf16Range(text, 2, 4)).toBeNull();
    expect(describeSpan(text, 3, 3)).toBeNull();
  });

  it('clips context at the paragraph edges', () => {
    const sel = describeSpan('双方决定', 0, 2)!;
    expect(sel.quote).toMatchObject({ exact: '双方', prefix: '', suffix: '决定' });
  });
});

describe('anchorQuote', () => {
  const phrase = '全面战略伙伴关系';

  it('keeps the recorded position when the text is unchanged', () => {
    const at = P.lastIndexOf(phrase);
    const sel = describeSpan(P, at, at + 8)!;
    expect(anchorQuote(P, sel)).toEqual({ start: at, end: at + 8, score: 1, errors: 0 });
  });

  it('picks the right one of repeated quotes by context after an edit before it', () => {
    const first = P.indexOf(phrase);
    const second = P.indexOf(phrase, first + 1);
    expect(second).toBeGreaterThan(first);
    const sel = describeSpan(P, second, second + 8)!;
    const edited = '（修订）' + P;
    const match = anchorQuote(edited, sel)!;
    expect(match.start).toBe(second + 4);
    expect(edited.slice(match.start, match.end)).toBe(phrase);
  });

  it('finds a slightly changed quote approximately', () => {
    const at = P.indexOf('进一步加强政治互信');
    const sel = describeSpan(P, at, at + 9)!;
    const edited = P.replace('进一步加强政治互信', '进一步增强政治互信');
    const match = anchorQuote(edited, sel)!;
    expect(match.errors).toBe(1);
    expect(edited.slice(match.start, match.end)).toBe('进一步增强政治互信');
  });

  it('re-anchors across astral characters inserted before the span', () => {
    const sel = describeSpan(ASTRAL, 2, 4)!; // 乙丙
    const edited = '𠀁𠀂' + ASTRAL;
    const match = anchorQuote(edited, sel)!;
    expect(match).toMatchObject({ start: 4, end: 6, errors: 0 });
    expect(sliceCodePoints(edited, match.start, match.end)).toBe('乙丙');
  });

  it('orphans a quote that is gone', () => {
    const at = P.indexOf('巩固睦邻友好');
    const sel = describeSpan(P, at, at + 6)!;
    expect(anchorQuote('双方决定，实现共同发展和繁荣。', sel)).toBeNull();
    // Two-character quotes must match exactly: one error would match almost anything.
    expect(anchorQuote('丙丁', describeSpan('甲乙', 0, 2)!)).toBeNull();
  });

  it('measures edit distance in code points', () => {
    expect(editDistance(Array.from('𠀀乙'), Array.from('𠀁乙'))).toBe(1);
    expect(editDistance([], Array.from('abc'))).toBe(3);
  });
});
