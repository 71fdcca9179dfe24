import { describe, expect, it } from 'vitest';
import { buildGlossaryMatcher, findRendering, hasRendering } from './index.ts';

const term = (id: string, zh: string, en: string[] = [id]) => ({ id, zh, en, forbidden: [] });

describe('glossary matching', () => {
  it('longest match wins', () => {
    const m = buildGlossaryMatcher([term('asia', '亚洲'), term('cica', '亚洲相互协作与信任措施会议')]);
    const found = m.match('第五次亚洲相互协作与信任措施会议峰会在亚洲举行');
    expect(found.map((f) => [f.term.id, f.start, f.end])).toEqual([
      ['cica', 3, 16],
      ['asia', 19, 21],
    ]);
  });

  it('overlapping terms: the leftmost starts first, the next one after it', () => {
    const m = buildGlossaryMatcher([term('a', '上海合作'), term('b', '合作组织'), term('c', '组织')]);
    expect(m.match('上海合作组织').map((f) => f.term.id)).toEqual(['a', 'c']);
  });

  it('falls back to a shorter term when a longer one breaks off', () => {
    const m = buildGlossaryMatcher([term('a', '全面战略伙伴关系'), term('b', '全面')]);
    expect(m.match('全面战略合作').map((f) => f.term.id)).toEqual(['b']);
    expect(m.match('全面战略伙伴关系').map((f) => f.term.id)).toEqual(['a']);
  });

  it('ignores spaces in terms, empty terms, and keeps the first of two entries for the same Chinese', () => {
    const m = buildGlossaryMatcher([term('a', '亚 信'), term('b', '亚信'), term('c', '  ')]);
    expect(m.size).toBe(1);
    expect(m.match('亚信峰会').map((f) => f.term.id)).toEqual(['a']);
  });

  it('finds English renderings as whole phrases', () => {
    expect(findRendering('the SCO and the Shanghai  Cooperation Organisation', 'Shanghai Cooperation Organisation')).toEqual([{ start: 16, end: 50 }]);
    expect(findRendering('SCOPE', 'SCO')).toEqual([]);
    expect(findRendering('CICA’s members', 'CICA')).toHaveLength(1);
  });

  it('checks the edges of a rendering in any script, with plural and possessive endings', () => {
    expect(findRendering('two partnerships', 'partnership')).toEqual([{ start: 4, end: 16 }]);
    expect(findRendering("CICA'sx and CICA", 'CICA')).toEqual([{ start: 0, end: 4 }, { start: 12, end: 16 }]);
    expect(findRendering('Überblick, über alles', 'über')).toEqual([{ start: 11, end: 15 }]);
    expect(findRendering('xCICA CICAx 𝐀CICA', 'CICA')).toEqual([]);
    expect(findRendering('the Belt-and-Road', 'Belt and Road')).toEqual([{ start: 4, end: 17 }]);
    // The quick test is case-blind like the pattern, long s included.
    expect(hasRendering('The STATE council', 'state')).toBe(true);
    expect(hasRendering('the ſtate council', 'state')).toBe(true);
    expect(hasRendering('statement', 'state')).toBe(false);
  });
});

describe('a Term note as a glossary entry', () => {
  it('takes the quote as the Chinese and the first line as the English', async () => {
    const { termFromNote } = await import('./index.ts');
    expect(termFromNote({ quote_exact: '亚 信', body_text: 'CICA — the Conference on Interaction\nSee 2014 summit.' })).toEqual({
      zh: '亚信',
      en: ['CICA'],
      note: 'the Conference on Interaction\nSee 2014 summit.',
    });
    expect(termFromNote({ quote_exact: '一带一路', body_text: 'Belt and Road' })).toEqual({ zh: '一带一路', en: ['Belt and Road'], note: '' });
    expect(termFromNote({ quote_exact: null, body_text: 'x' })).toBeNull();
  });
});
