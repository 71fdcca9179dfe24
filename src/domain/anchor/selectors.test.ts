import { describe as group, expect, it } from 'vitest';
import { codePointLength } from '../text/index.ts';
import { describe } from './selectors.ts';

// Paragraph 4 of the sample declaration (2014 China–Kazakhstan joint declaration).
const P =
  '双方决定，遵循2002年12月23日签订的《中华人民共和国和哈萨克斯坦共和国睦邻友好合作条约》、2011年6月13日签订的《中华人民共和国和哈萨克斯坦共和国关于发展全面战略伙伴关系的联合声明》、2013年9月7日签订的《中华人民共和国和哈萨克斯坦共和国关于进一步深化全面战略伙伴关系的联合宣言》以及其他双边条约、协议的精神和原则，进一步加强政治互信、推动互利合作、巩固睦邻友好，实现共同发展和繁荣。';

// U+20000 (𠀀) and U+2A6D6 (𪛖) are CJK Extension B characters: two UTF-16 units each.
const ASTRAL = '甲𠀀乙丙𪛖丁';

group('describe', () => {
  it('records quote, context and code point positions', () => {
    const start = P.indexOf('睦邻友好合作条约');
    const sel = describe(P, { start, end: start + '睦邻友好合作条约'.length })!;
    expect(sel.quote.exact).toBe('睦邻友好合作条约');
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start, end: start + 8 });
    expect(codePointLength(sel.quote.prefix)).toBe(32);
    expect(sel.quote.prefix.endsWith('哈萨克斯坦共和国')).toBe(true);
    expect(sel.quote.suffix.startsWith('》、2011年')).toBe(true);
  });

  it('counts positions in code points around astral characters', () => {
    const sel = describe(ASTRAL, { start: 2, end: 4 })!; // 乙丙
    expect(sel.quote).toEqual({ type: 'TextQuoteSelector', exact: '乙丙', prefix: '甲𠀀', suffix: '𪛖丁' });
    expect(sel.position).toEqual({ type: 'TextPositionSelector', start: 2, end: 4 });
  });

  it('selects an astral character as one code point', () => {
    const sel = describe(ASTRAL, { start: 4, end: 5 })!;
    expect(sel.quote.exact).toBe('𪛖');
    expect(sel.position).toMatchObject({ start: 4, end: 5 });
  });

  it('trims edge whitespace and rejects empty spans', () => {
    const text = 'ab  cd';
    expect(describe(text, { start: 1, end: 4 })!.quote.exact).toBe('b');
    expect(describe(text, { start: 1, end: 4 })!.position).toMatchObject({ start: 1, end: 2 });
    expect(describe(text, { start: 2, end: 4 })).toBeNull();
    expect(describe(text, { start: 3, end: 3 })).toBeNull();
  });

  it('clips context at the paragraph edges', () => {
    const sel = describe('双方决定', { start: 0, end: 2 })!;
    expect(sel.quote).toMatchObject({ exact: '双方', prefix: '', suffix: '决定' });
  });
});
