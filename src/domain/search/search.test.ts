import { describe, expect, it } from 'vitest';
import {
  MARK_END, MARK_START, diffChinese, editDistance, editSimilarity, findMatches, foldQuery, groupRenderings, kwicLines, matchPercent,
  normaliseChinese, searchFold, splitMarks, stripMarks,
} from './index.ts';

const m = (s: string) => s.replaceAll('[', MARK_START).replaceAll(']', MARK_END);

describe('searchFold', () => {
  it('folds full-width digits and letters, spaces and ASCII case, character for character', () => {
    const text = '２０１４年５月，Ｃ线　开通 ABC\tｘ';
    expect(searchFold(text)).toBe('2014年5月，c线 开通 abc x');
    expect(searchFold(text)).toHaveLength(text.length);
  });

  it('keeps full-width punctuation and non-ASCII letters as they are', () => {
    expect(searchFold('（新华社）É')).toBe('（新华社）É');
  });

  it('trims a query and collapses its spaces', () => {
    expect(foldQuery('  Ｃ线　 开通 ')).toBe('c线 开通');
  });
});

describe('findMatches', () => {
  it.each([
    ['C线', '２０１４年５月，Ｃ线开通。', [[8, 10]]],
    ['Ｃ线', '2014年建成C线和D线。', [[7, 9]]],
    ['2014年', '２０１４年５月', [[0, 5]]],
    ['14年', '2014年建成', [[2, 5]]],
    ['睦', '合作与友好，条约与睦邻。', [[9, 10]]],
    ['条约', '条约自签署之日起生效。本条约有效期二十年。', [[0, 2], [12, 14]]],
    ['友好条约', '睦邻友好合作条约', []],
    ['treaty', 'The Treaty and the treaty', [[4, 10], [19, 25]]],
    ['  ', 'anything', []],
  ])('%s in %s', (query, text, ranges) => {
    expect(findMatches(text, query).map((r) => [r.start, r.end])).toEqual(ranges);
  });
});

describe('marks', () => {
  it('splits a marked snippet into runs', () => {
    expect(splitMarks(m('…会谈[成果]表示[满意]。'))).toEqual([
      { text: '…会谈', hit: false },
      { text: '成果', hit: true },
      { text: '表示', hit: false },
      { text: '满意', hit: true },
      { text: '。', hit: false },
    ]);
    expect(stripMarks(m('a[b]c'))).toBe('abc');
  });

  it('gives one keyword-in-context line per occurrence, cut to the width', () => {
    expect(kwicLines(m('[条约]自签署之日起生效。本[条约]有效期二十年。'), 4)).toEqual([
      { left: '', match: '条约', right: '自签署之…', occurrence: 0 },
      { left: '…生效。本', match: '条约', right: '有效期二…', occurrence: 1 },
    ]);
  });
});

describe('similarity', () => {
  it('normalises as the memory does: folded, without spaces', () => {
    expect(normaliseChinese('２０１４年　Ｃ线 通车')).toBe('2014年c线通车');
  });

  it('counts edits in code points', () => {
    expect(editDistance('双方对会谈成果表示满意。', '双方对访问成果表示满意。')).toBe(2);
    expect(editDistance('', '𠀀中')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('is 100 % only for the same normalised text', () => {
    expect(matchPercent('２０１４年Ｃ线通车。', '2014年C线 通车。')).toBe(100);
    expect(matchPercent('双方对会谈成果表示满意。', '双方对访问成果表示满意。')).toBe(83);
    expect(matchPercent('双方对会谈成果表示满意。', '双方对会谈成果表示满意')).toBe(91);
    expect(matchPercent('甲', '乙')).toBe(0);
    expect(editSimilarity('', '')).toBe(1);
  });

  it('shows what differs between the row and a suggestion', () => {
    expect(diffChinese('二〇一四年五月十九日于上海', '二〇一五年六月三日于北京')).toEqual([
      { op: 'equal', text: '二〇一' },
      { op: 'delete', text: '四' },
      { op: 'insert', text: '五' },
      { op: 'equal', text: '年' },
      { op: 'delete', text: '五' },
      { op: 'insert', text: '六' },
      { op: 'equal', text: '月' },
      { op: 'delete', text: '十九' },
      { op: 'insert', text: '三' },
      { op: 'equal', text: '日于' },
      { op: 'delete', text: '上海' },
      { op: 'insert', text: '北京' },
    ]);
    expect(diffChinese('Ｃ线', 'C线')).toEqual([{ op: 'equal', text: 'C线' }]);
  });
});

describe('groupRenderings', () => {
  const background = [
    'The two sides agreed to strengthen cooperation in energy.',
    'The two sides will deepen practical cooperation in all fields.',
    'Both countries support each other on issues of core interests.',
    'The two heads of state spoke highly of the achievements.',
    'The Chinese side thanked the host for the warm hospitality.',
    'The two sides will expand trade and investment.',
  ];

  it('finds the renderings of a term across its hits, longer phrases first, counted', () => {
    const aligned = [
      'He attended the Fourth Summit of the Conference on Interaction and Confidence-Building Measures in Asia (CICA) in Shanghai.',
      'China supports CICA in playing a greater role.',
      'The two sides will strengthen coordination within CICA.',
      'Kazakhstan, as the initiator of CICA, welcomes the summit.',
      'The Conference on Interaction and Confidence-Building Measures in Asia is an important forum.',
      '',
    ];
    const groups = groupRenderings(aligned, background, 'en');
    // The full name's second use is one hit, too few for a group of its own.
    expect(groups.renderings.map((r) => [r.text, r.count])).toEqual([['CICA', 4]]);
    expect(groups.renderings[0]!.hits).toEqual([0, 1, 2, 3]);
    expect(groups.other).toBe(1);
    expect(groups.untranslated).toBe(1);
  });

  it('tells two competing renderings apart', () => {
    const aligned = [
      'The two sides signed the treaty of good-neighbourliness.',
      'The treaty of good-neighbourliness remains the basis.',
      'Both sides honour the treaty of good-neighbourliness.',
      'The good-neighbour treaty was signed in 2002.',
      'They recalled the good-neighbour treaty of 2002.',
    ];
    const groups = groupRenderings(aligned, background, 'en');
    expect(groups.renderings.map((r) => [r.text, r.count])).toEqual([
      ['treaty of good-neighbourliness', 3],
      ['good-neighbour treaty', 2],
    ]);
    expect(groups.other).toBe(0);
  });

  it('lists no one-off wording as a rendering, and a recurring one even among few hits', () => {
    const aligned = [
      'Both sides support CICA in playing a greater role in regional security.',
      'China supports Kazakhstan in chairing CICA.',
      'The Fourth Summit of the Conference on Interaction and Confidence-Building Measures in Asia (CICA) was held in Shanghai.',
    ];
    const groups = groupRenderings(aligned, ['President Xi Jinping and President Nazarbayev held talks in Shanghai.'], 'en');
    expect(groups.renderings.map((r) => [r.text, r.count])).toEqual([['CICA', 3]]);
    expect(groupRenderings([aligned[0]!], [], 'en').renderings).toEqual([]);
  });

  it('works the other way round, for an English selection and its Chinese', () => {
    const aligned = ['双方签署睦邻友好合作条约。', '睦邻友好合作条约是两国关系的基础。', '双方重申睦邻友好合作条约的原则。'];
    const groups = groupRenderings(aligned, ['双方同意加强合作。', '双方将深化各领域务实合作。', '两国元首高度评价双边关系。'], 'zh');
    expect(groups.renderings[0]).toMatchObject({ text: '睦邻友好合作条约', count: 3 });
  });
});
