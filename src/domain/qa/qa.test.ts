import { describe, expect, it } from 'vitest';
import { buildGlossaryMatcher } from '../glossary/index.ts';
import {
  placesLabel,
  sourceKey,
  checkBalance,
  checkConsistency,
  checkDocument,
  checkDoubledWords,
  checkFullWidth,
  checkGlossary,
  checkNumbers,
  checkRow,
  checkSpaces,
  checkUntranslated,
  type QaFinding,
} from './index.ts';

const codes = (findings: QaFinding[]) => findings.map((f) => f.code);
const spanText = (text: string, f: QaFinding, side: 'zh' | 'en') =>
  f.spans.filter((s) => s.side === side).map((s) => text.slice(s.start, s.end));

describe('numbers, dates and percentages', () => {
  it('passes the same values written another way', () => {
    expect(checkNumbers('2014年5月19日，双方签署协议。', 'On 19 May 2014 the two sides signed an agreement.')).toEqual([]);
    expect(checkNumbers('二〇一四年五月十九日于上海', 'Shanghai, 19 May 2014')).toEqual([]);
    expect(checkNumbers('二○一四年五月十九日', 'May 19, 2014')).toEqual([]);
    expect(checkNumbers('２０１４年１１月１５日', '15 November 2014')).toEqual([]);
    expect(checkNumbers('投资400亿美元', 'an investment of 40 billion US dollars')).toEqual([]);
    expect(checkNumbers('投资四百亿美元', 'an investment of USD 40 billion')).toEqual([]);
    expect(checkNumbers('贸易额达到3.5万亿元', 'trade reached 3.5 trillion yuan')).toEqual([]);
    expect(checkNumbers('增长百分之五十', 'grew by 50 %')).toEqual([]);
    expect(checkNumbers('增长50%', 'grew by 50 percent')).toEqual([]);
    expect(checkNumbers('二十国集团', 'the G20')).toEqual([]);
  });

  it('reports a number that is different in the English, with both spans', () => {
    const zh = '投资400亿美元';
    const en = 'an investment of 4 billion US dollars';
    const [f, ...rest] = checkNumbers(zh, en);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'number', code: 'number-different', severity: 'error', params: { zh: '400亿', en: '4 billion' } });
    expect(spanText(zh, f!, 'zh')).toEqual(['400亿']);
    expect(spanText(en, f!, 'en')).toEqual(['4 billion']);
  });

  it('reads Chinese numerals with 万 and 亿', () => {
    expect(codes(checkNumbers('一千二百万人', '12 million people'))).toEqual([]);
    expect(codes(checkNumbers('一千二百万人', '1.2 million people'))).toEqual(['number-different']);
  });

  it('reports a date that is missing or different, in both scripts', () => {
    expect(codes(checkNumbers('2014年5月19日', 'The two sides met.'))).toEqual(['date-missing']);
    expect(codes(checkNumbers('二〇一四年五月十九日', '20 May 2014'))).toEqual(['date-different']);
    expect(codes(checkNumbers('5月19日', 'on 19 May'))).toEqual([]);
  });

  it('reports percentages and extra numbers', () => {
    expect(codes(checkNumbers('增长百分之五十', 'grew by 15 %'))).toEqual(['percent-different']);
    expect(codes(checkNumbers('增长百分之五十', 'grew by half'))).toEqual(['percent-missing']);
    const extra = checkNumbers('双方同意加强合作。', 'The two sides agreed to step up cooperation in 12 areas.');
    expect(extra).toMatchObject([{ code: 'number-extra', severity: 'warning', params: { en: '12' } }]);
  });

  it('reports an ordinal as a warning', () => {
    expect(checkNumbers('第三次会议', 'the second meeting')).toMatchObject([{ code: 'ordinal-missing', severity: 'warning' }]);
    expect(checkNumbers('第三次会议', 'the third meeting')).toEqual([]);
  });
});

describe('glossary', () => {
  const glossary = buildGlossaryMatcher([
    { id: 'cica', zh: '亚洲相互协作与信任措施会议', en: ['Conference on Interaction and Confidence-Building Measures in Asia', 'CICA'], forbidden: [] },
    { id: 'asia', zh: '亚洲', en: ['Asia'], forbidden: [] },
    { id: 'sco', zh: '上海合作组织', en: ['Shanghai Cooperation Organisation', 'SCO'], forbidden: ['Shanghai Cooperation Organization'] },
    { id: 'bri', zh: '一带一路', en: ['Belt and Road'], forbidden: ['One Belt One Road', 'OBOR'] },
  ]);

  it('passes a preferred or alternative rendering, in any case, plural or hyphenated', () => {
    expect(checkGlossary('上海合作组织成员国', 'member states of the SCO', glossary)).toEqual([]);
    expect(checkGlossary('一带一路倡议', 'the belt-and-road initiative', glossary)).toEqual([]);
    expect(checkGlossary('亚洲相互协作与信任措施会议', 'CICA', glossary)).toEqual([]);
  });

  it('reports a term whose English is absent (longest match: the conference, not 亚洲)', () => {
    const found = checkGlossary('亚洲相互协作与信任措施会议峰会', 'the Asian summit', glossary);
    expect(found).toMatchObject([{ code: 'term-missing', severity: 'warning', params: { zh: '亚洲相互协作与信任措施会议' } }]);
  });

  it('reports a forbidden rendering as an error with its English span', () => {
    const en = 'the One Belt One Road initiative';
    const found = checkGlossary('一带一路倡议', en, glossary);
    expect(codes(found)).toEqual(['term-forbidden']);
    expect(spanText(en, found[0]!, 'en')).toEqual(['One Belt One Road']);
    expect(codes(checkGlossary('上海合作组织', 'the Shanghai Cooperation Organization', glossary))).toEqual(['term-forbidden']);
  });
});

describe('empty and untranslated', () => {
  it('flags an empty row only in checkRow, and the Chinese copied over', () => {
    expect(codes(checkRow({ zh: '双方', en: '  ' }))).toEqual(['empty']);
    expect(codes(checkRow({ zh: '双方同意。', en: 'Both sides agree.' }))).toEqual([]);
    expect(codes(checkUntranslated('双方同意。', '双方同意。'))).toEqual(['untranslated']);
    expect(codes(checkUntranslated('双方同意加强合作。', 'Both 双方同意加强合作'))).toEqual(['untranslated']);
  });

  it('flags Chinese characters left in the English', () => {
    const en = 'Both sides agree to 加强 cooperation.';
    const found = checkUntranslated('双方同意加强合作。', en);
    expect(found).toMatchObject([{ code: 'cjk', severity: 'error', params: { text: '加强' } }]);
    expect(spanText(en, found[0]!, 'en')).toEqual(['加强']);
  });
});

describe('typography', () => {
  it('doubled words', () => {
    expect(checkDoubledWords('the two sides agree')).toEqual([]);
    expect(checkDoubledWords('he had had enough')).toEqual([]);
    expect(checkDoubledWords('The the two sides')).toMatchObject([{ code: 'doubled-word', params: { word: 'The' } }]);
    expect(checkDoubledWords('well-being being, it’s it’s, 2 2')).toEqual([]);
    expect(checkDoubledWords('the the the end').map((f) => f.spans[0])).toEqual([{ side: 'en', start: 0, end: 7 }]);
    expect(checkDoubledWords('über\u00a0Über alles')).toMatchObject([{ params: { word: 'über' } }]);
  });

  it('brackets and quotes', () => {
    expect(checkBalance('the Treaty (2002) and “the Spirit”')).toEqual([]);
    expect(checkBalance('1) first; 2) second')).toEqual([]);
    expect(codes(checkBalance('the Treaty (2002 and more'))).toEqual(['bracket-unclosed']);
    expect(codes(checkBalance('the Treaty 2002] and more'))).toEqual(['bracket-unopened']);
    expect(codes(checkBalance('the “Spirit of Shanghai'))).toEqual(['quote-unbalanced']);
    expect(codes(checkBalance('the "Spirit" of "Shanghai'))).toEqual(['quote-unbalanced']);
  });

  it('full-width punctuation', () => {
    expect(checkFullWidth('Both sides agree, and note: cooperation.')).toEqual([]);
    const en = 'Both sides agree，and note：cooperation。';
    expect(checkFullWidth(en).map((f) => f.params.text)).toEqual(['，', '：', '。']);
  });

  it('leading, trailing and double spaces', () => {
    expect(checkSpaces('Both sides agree.')).toEqual([]);
    expect(codes(checkSpaces(' Both sides agree. '))).toEqual(['space-leading', 'space-trailing']);
    expect(codes(checkSpaces('Both  sides agree.'))).toEqual(['space-double']);
    expect(checkSpaces('   ')).toEqual([]);
    expect(checkSpaces('\u3000Both sides\u00a0')).toMatchObject([
      { code: 'space-leading', spans: [{ start: 0, end: 1 }] },
      { code: 'space-trailing', spans: [{ start: 11, end: 12 }] },
    ]);
  });
});

describe('consistency', () => {
  it('reports another translation of the same Chinese', () => {
    expect(checkConsistency('Both sides agree.', [{ text: 'Both  sides agree.', where: '¶3' }])).toEqual([]);
    expect(checkConsistency('Both sides agree.', [{ text: 'The two sides agree.', where: '¶3' }])).toMatchObject([
      { code: 'inconsistent', params: { other: 'The two sides agree.', where: '¶3' } },
    ]);
  });

  it('finds rows of one document holding the same Chinese translated two ways', () => {
    const result = checkDocument([
      { id: 'a', label: '1', zh: '双方同意。', en: 'Both sides agree.' },
      { id: 'b', label: '2', zh: '其他。', en: 'Other.' },
      { id: 'c', label: '3', zh: '双方 同意。', en: 'The two sides agree.' },
    ]);
    expect(result.map((r) => [r.rowId, codes(r.findings)])).toEqual([
      ['a', ['inconsistent']],
      ['c', ['inconsistent']],
    ]);
    expect(result[0]!.findings[0]!.params.where).toBe('3');
  });

  it('takes renderings from the project\'s other documents, named by document and paragraph', () => {
    const where = placesLabel([
      { document_title: 'Joint Statement', position: 4 },
      { document_title: 'Joint Statement', position: 9 },
      { document_title: 'Communiqué', position: 2 },
    ], 5);
    expect(where).toBe('Joint Statement ¶4, ¶9; Communiqué ¶2 (+2)');
    const rows = [
      { id: 'a', label: '1', zh: '双方同意。', en: 'Both sides agree.' },
      { id: 'b', label: '2', zh: '其他。', en: 'Other.' },
    ];
    const elsewhere = new Map([[sourceKey('双方 同意。'), [{ text: 'The two sides agree.', where }, { text: 'Both sides  agree.', where: 'X ¶1' }]]]);
    const result = checkDocument(rows, { elsewhere });
    expect(result).toHaveLength(1);
    expect(result[0]!.findings).toMatchObject([{ code: 'inconsistent', params: { other: 'The two sides agree.', where } }]);
  });
});

describe('a row', () => {
  it('puts errors first and keeps fingerprints stable while the rest is edited', () => {
    const zh = '2014年5月19日，双方在上海签署。';
    const a = checkRow({ zh, en: 'On 20 May 2014 the  two sides signed in Shanghai.' });
    expect(codes(a)).toEqual(['date-different', 'space-double']);
    const b = checkRow({ zh, en: 'On 20 May 2014, the two sides signed it in Shanghai.' });
    expect(b[0]!.fingerprint).toBe(a[0]!.fingerprint);
  });
});
