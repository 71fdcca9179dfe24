import { describe as group, expect, it } from 'vitest';
import { sliceCodePoints } from '../text/index.ts';
import { describe } from './selectors.ts';
import { anchor, editDistance } from './match-quote.ts';

// Paragraph 4 of the sample declaration (2014 China–Kazakhstan joint declaration).
const P =
  '双方决定，遵循2002年12月23日签订的《中华人民共和国和哈萨克斯坦共和国睦邻友好合作条约》、2011年6月13日签订的《中华人民共和国和哈萨克斯坦共和国关于发展全面战略伙伴关系的联合声明》、2013年9月7日签订的《中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言》以及其他双边条约、协议的精神和原则，进一步加强政治互信、推动互利合作、巩固睦邻友好，实现共同发展和繁荣。';

// U+20000 (𠀀) and U+2A6D6 (𪛖) are CJK Extension B characters: two UTF-16 units each.
const ASTRAL = '甲𠀀乙丙𪛖丁';

group('anchor', () => {
  const phrase = '全面战略伙伴关系';

  it('keeps the recorded position when the text is unchanged', () => {
    const at = P.lastIndexOf(phrase);
    const sel = describe(P, { start: at, end: at + 8 })!;
    expect(anchor(P, sel)).toEqual({ start: at, end: at + 8, score: 1, errors: 0 });
  });

  it('picks the right one of repeated quotes by context after an edit before it', () => {
    const first = P.indexOf(phrase);
    const second = P.indexOf(phrase, first + 1);
    expect(second).toBeGreaterThan(first);
    const sel = describe(P, { start: second, end: second + 8 })!;
    const edited = '（修订）' + P;
    const match = anchor(edited, sel)!;
    expect(match.start).toBe(second + 4);
    expect(edited.slice(match.start, match.end)).toBe(phrase);
  });

  it('finds a slightly changed quote approximately', () => {
    const at = P.indexOf('进一步加强政治互信');
    const sel = describe(P, { start: at, end: at + 9 })!;
    const edited = P.replace('进一步加强政治互信', '进一步增强政治互信');
    const match = anchor(edited, sel)!;
    expect(match.errors).toBe(1);
    expect(edited.slice(match.start, match.end)).toBe('进一步增强政治互信');
  });

  it('re-anchors across astral characters inserted before the span', () => {
    const sel = describe(ASTRAL, { start: 2, end: 4 })!; // 乙丙
    const edited = '𠀁𠀂' + ASTRAL;
    const match = anchor(edited, sel)!;
    expect(match).toMatchObject({ start: 4, end: 6, errors: 0 });
    expect(sliceCodePoints(edited, match.start, match.end)).toBe('乙丙');
  });

  it('orphans a quote that is gone', () => {
    const at = P.indexOf('巩固睦邻友好');
    const sel = describe(P, { start: at, end: at + 6 })!;
    expect(anchor('双方决定，实现共同发展和繁荣。', sel)).toBeNull();
    // Two-character quotes must match exactly: one error would match almost anything.
    expect(anchor('丙丁', describe('甲乙', { start: 0, end: 2 })!)).toBeNull();
  });

  it('is the inverse of describe on unchanged text, for every span of a paragraph', () => {
    const text = `${ASTRAL}，${P.slice(0, 60)}`;
    const length = [...text].length;
    for (let start = 0; start < length; start += 3) {
      for (let end = start + 1; end <= length; end += 7) {
        const selectors = describe(text, { start, end });
        if (!selectors) continue;
        expect(anchor(text, selectors)).toEqual({ start: selectors.position.start, end: selectors.position.end, score: 1, errors: 0 });
      }
    }
  });

  it('measures edit distance in code points', () => {
    expect(editDistance(Array.from('𠀀乙'), Array.from('𠀁乙'))).toBe(1);
    expect(editDistance([], Array.from('abc'))).toBe(3);
  });
});
