import { describe, expect, it } from 'vitest';
import type { Mention } from './landmarks.ts';
import { englishWords } from '../dictionary/index.ts';
import { buildGlossaryIndex, buildVerbatimIndex, enContentsOf, extractEnLandmarks, extractZhLandmarks, keyWeight, numberKey } from './landmarks.ts';
import { DEV_DOCUMENTS, loadBitext } from './fixtures/dev-set.ts';
import { lexiconIndex } from './lexicon.ts';

// Punctuation keys (brackets, quotes, a closing mark) are left out unless a test is about them.
const keysOf = (mentions: Mention[], punctuation = false): string[] =>
  mentions.filter((m) => punctuation || m.kind !== 'punctuation').flatMap((m) => m.keys).sort();
const kindsOf = (mentions: Mention[]): string[] => mentions.map((m) => `${m.kind}:${m.surface}`);

/** The landmarks of the two texts meet on exactly the same keys. */
function expectSameKeys(zh: string, en: string): void {
  const z = keysOf(extractZhLandmarks(zh));
  expect(z.length).toBeGreaterThan(0);
  expect(z).toEqual(keysOf(extractEnLandmarks(en)));
}

describe('numbers', () => {
  it('Arabic numbers with and without thousands separators', () => {
    expectSameKeys('人均可支配收入52874元，增长6.1%', 'per capita income was 52,874 yuan, up 6.1 percent');
  });

  it('full-width digits in Chinese read like ASCII ones', () => {
    expect(keysOf(extractZhLandmarks('１１月１５日，增长５．２％'))).toEqual(keysOf(extractZhLandmarks('11月15日，增长5.2%')));
    expectSameKeys('２０１４年', 'in 2014');
  });

  it('Chinese numerals count only as dates, ordinals, percentages, magnitudes or counted tens', () => {
    expect(extractZhLandmarks('双方一致认为，进一步加强统一协调，三年来')).toEqual([]);
    expect(kindsOf(extractZhLandmarks('第十三次会议，倡议提出二十二年来'))).toEqual(['ordinal:第十三', 'number:二十二']);
    expectSameKeys('第十三次会议', 'the 13th Meeting');
    expectSameKeys('创办十一周年', 'the 11th anniversary');
  });

  it('亿 and 万 magnitudes meet billions, millions and thousands, rounded as translators round', () => {
    expectSameKeys('提高到400亿美元', 'to raise bilateral trade to US$40 billion');
    expectSameKeys('常住人口594.2万人，增加3.8万人', 'a population of 5.942 million, an increase of 38,000');
    expectSameKeys('地区生产总值1260582亿元', 'GDP of 126.06 trillion yuan');
    expectSameKeys('四十一万亿美元', '41 trillion US dollars');
    expectSameKeys('五亿元人民币', 'a 500 million yuan fund');
    expectSameKeys('超过两万人', 'more than 20,000 people');
    expect(numberKey(4e10)).toBe(numberKey(40e9));
  });

  it('百分之 and % meet percent, per cent and %', () => {
    expectSameKeys('百分之五十', '50 percent');
    expectSameKeys('增长百分之七点四', 'growing 7.4 per cent');
    expectSameKeys('占比18.6%', 'accounting for 18.6%');
  });

  it('weighs years and large numbers above small integers', () => {
    expect(keyWeight(numberKey(2014))).toBeGreaterThan(keyWeight(numberKey(19)));
    expect(keyWeight(numberKey(19))).toBeGreaterThan(keyWeight(numberKey(5)));
    expect(keyWeight('s:3')).toBeGreaterThan(keyWeight(numberKey(2014)));
  });
});

describe('dates in both scripts', () => {
  it('Chinese-numeral dates meet day-month-year and month-day-year English dates', () => {
    expectSameKeys('二〇一四年五月十九日于上海', 'Shanghai, 19 May 2014');
    expectSameKeys('二〇一四年五月十九日于上海', 'Shanghai, May 19, 2014');
    expectSameKeys('2014年5月19日', '19 May 2014');
  });

  it('date ranges, months alone and year-months', () => {
    expectSameKeys('于2014年5月19日至21日对中国进行国事访问', 'paid a state visit from 19 to 21 May 2014');
    expectSameKeys('2014年5月20日至21日', 'on 20 and 21 May 2014');
    expectSameKeys('2015年2月底前', 'by the end of February 2015');
    expectSameKeys('每年4月23日', 'on 23 April each year');
    expect(kindsOf(extractEnLandmarks('It may rain in March.'))).toEqual(['date:in March']);
    expect(extractEnLandmarks('We may act. Others march on.')).toEqual([]);
  });
});

describe('section numerals', () => {
  it('Chinese section numerals meet Roman and Arabic numbering', () => {
    expectSameKeys('一', 'I');
    expectSameKeys('六', 'VI');
    expectSameKeys('三、工业和建筑业', 'III. Industry and Construction');
    expectSameKeys('（二）主要目标', '2. Main Goals');
    expectSameKeys('（三）推进数字服务', '(3) Promoting digital services');
    expectSameKeys('第二部分', 'Part Two');
  });

  it('tell major headings, minor headings and articles apart, and match a number written at another level more weakly', () => {
    const [major] = extractZhLandmarks('一、总体要求');
    const [minor] = extractZhLandmarks('（一）指导思想');
    expect(major?.keys).toEqual(['s:1', 'h:1:1']);
    expect(minor?.keys).toEqual(['s:1', 'h:2:1']);
    expect(extractEnLandmarks('1. Guiding Principles')[0]?.keys).toEqual(['s:1', 'h:2:1']);
    expectSameKeys('第十二条　国家保护', 'Article 12 The State protects');
    expectSameKeys('Ⅳ．对外经济', 'IV. External Economy');
  });

  it('does not take a sentence opening with "I" for a heading', () => {
    expect(extractEnLandmarks('I am pleased to be here.')).toEqual([]);
    expect(extractZhLandmarks('十分重要')).toEqual([]);
  });

  it('find a heading run into its text, or left at the end of the paragraph before it', () => {
    // The paragraph break after "V" (or before it) was lost; the number still meets 五 on s:5 and h:1:5.
    expect(keysOf(extractEnLandmarks('V The two sides note that terrorism is a threat.'))).toEqual(['h:1:5', 's:5']);
    expect(keysOf(extractEnLandmarks('A Year of Chinese Tourism will be held in 2017. V'))).toEqual(['h:1:5', 'n:2017', 's:5']);
    expect(keysOf(extractEnLandmarks('They will set up a mechanism. 2. Increasing Funding'))).toEqual(['h:2:2', 's:2']);
    expect(keysOf(extractEnLandmarks('Reading rooms will open. (b) Training Staff'))).toEqual(['h:2:2', 's:2']);
    // A sentence that opens with the pronoun I or with a number is no heading.
    expect(extractEnLandmarks('It is a plan. I believe it will work.')).toEqual([]);
    expect(keysOf(extractEnLandmarks('Output rose. 2 million tonnes were shipped.'))).toEqual(['n:2000000']);
  });
});

describe('enumerations', () => {
  it('一是……二是…… and 第一，第二 meet First, Second', () => {
    expectSameKeys('一是加强合作，二是扩大开放；三是深化改革。', 'First, strengthen cooperation; second, open wider. Third, deepen reform.');
    expectSameKeys('第一，深化创新合作。', 'First, we should deepen cooperation on innovation.');
    expect(extractEnLandmarks('It was the first time.')).toEqual([]);
    expect(extractZhLandmarks('这一是非问题')).toEqual([]);
  });
});

describe('punctuation', () => {
  it('brackets, quotation marks and a closing ! ? or : count on both sides, section markers aside', () => {
    const zh = extractZhLandmarks('（二）双方声明如下（以下称“亚信”）：');
    expect(zh.filter((m) => m.kind === 'punctuation').map((m) => m.keys[0])).toEqual(['b:', 'q:', 'x::']);
    expect(keysOf(extractEnLandmarks('(2) The two sides declare (hereinafter "CICA"):'), true)).toEqual(keysOf(zh, true));
    expect(keysOf(extractZhLandmarks('谢谢大家！'), true)).toEqual(keysOf(extractEnLandmarks('Thank you!'), true));
  });
});

describe('Latin words kept as written', () => {
  it('are found in the Chinese and looked for, whole and in any case, in the English', () => {
    const index = buildVerbatimIndex(['中方支持哈方举办EXPO。', '加快（C线）建设，推进5G和APEC合作。'])!;
    expect(index.matchZh('加快（C线）建设，推进5G和APEC合作。').map((m) => m.surface)).toEqual(['APEC']);
    expect(index.matchEn('the APEC process and Expo 2017, not EXPOSITION').map((m) => m.surface)).toEqual(['APEC', 'Expo']);
    expect(buildVerbatimIndex(['双方合作。'])).toBeUndefined();
  });
});

describe('the built-in lexicon', () => {
  it('finds words of official texts on both sides under the same key', () => {
    const lexicon = lexiconIndex();
    const zh = lexicon.matchZh('习近平主席同纳扎尔巴耶夫总统在上海举行正式会谈。');
    const en = lexicon.matchEn('President Xi Jinping and President Nazarbayev held official talks in Shanghai.');
    expect(zh.map((m) => m.surface)).toEqual(['习近平', '主席', '总统', '上海', '会谈']);
    expect(en.map((m) => m.surface)).toEqual(['President', 'Xi Jinping', 'talks', 'Shanghai']);
    // "President" renders both 主席 and 总统 (and "talks" both 会谈 and 会晤): every Chinese word is met.
    const english = new Set(en.flatMap((m) => m.keys));
    expect(zh.every((m) => english.has(m.keys[0]!))).toBe(true);
  });

  it('matches stems and several-word forms, but only whole words', () => {
    const lexicon = lexiconIndex();
    expect(lexicon.matchEn('cooperating on the United Nations agenda').map((m) => m.surface)).toEqual(['cooperating', 'United Nations']);
    expect(lexicon.matchEn('the uncooperative chairs').map((m) => m.surface)).toEqual(['chairs']);
    // Forms joined by a hyphen or a full stop, white space of any width, words inside a hyphenated one.
    expect(lexicon.matchEn('win-win e-commerce with the U.S. and the United\n Nations').map((m) => m.surface)).toEqual([
      'win-win',
      'e-commerce',
      'U.S',
      'United\n Nations',
    ]);
    expect(lexicon.matchEn('cross-border trade, 5G and G20').map((m) => m.surface)).toEqual(['border', 'trade']);
  });

  it('reads Chinese words leftmost and longest first', () => {
    const lexicon = lexiconIndex();
    // Each word once per text, however often it occurs.
    expect(lexicon.matchZh('推进电子商务和人工智能合作，人工智能').map((m) => m.surface)).toEqual(['电子商务', '人工智能', '合作']);
  });
});

describe('《》 titles', () => {
  it('reports numbers inside a title as part of the title', () => {
    const mentions = extractZhLandmarks('双方将落实《中华人民共和国和哈萨克斯坦共和国2020年前经贸合作中长期规划》，提高到400亿美元。');
    expect(mentions.map((m) => [m.kind, m.keys[0], m.inTitle !== undefined])).toEqual([
      ['date', 'n:2020', true],
      ['number', 'n:40000000000', false],
    ]);
    expect(mentions[0]?.inTitle).toMatch(/^《中华人民共和国.*》$/);
  });
});

describe('glossary terms', () => {
  const glossary = buildGlossaryIndex([
    { zh: '上海合作组织', en: 'Shanghai Cooperation Organisation' },
    { zh: '上海', en: 'Shanghai' },
    { zh: '亚信', en: 'CICA' },
  ]);

  it('matches the longest term, once per paragraph, case-insensitively on word boundaries in English', () => {
    const zh = extractZhLandmarks('双方在上海合作组织和亚信框架内合作，亚信峰会在上海举行。', glossary);
    expect(kindsOf(zh)).toEqual(['glossary:上海合作组织', 'glossary:亚信', 'glossary:上海']);
    const en = extractEnLandmarks('Within the SHANGHAI Cooperation Organisation and CICA, at the Shanghai summit; not Shanghaiese.', glossary);
    expect(keysOf(en)).toEqual(keysOf(zh));
  });

  it('ignores empty terms', () => {
    expect(buildGlossaryIndex([{ zh: '', en: 'x' }])).toBeUndefined();
  });
});

describe('ordinals written as a numbered phase or session', () => {
  it('reads 二期 and 三届 as the ordinals 2 and 3, like 第二', () => {
    const keys = (text: string) => extractZhLandmarks(text).filter((m) => m.kind === 'ordinal').map((m) => [m.surface, m.keys]);
    expect(keys('中欧班列二期工程已经开工。')).toEqual([['二期', ['n:2']]]);
    expect(keys('第二次会议')).toEqual([['第二', ['n:2']]]);
    expect(keys('第十三届全国人大')).toEqual([['第十三', ['n:13']]]);
    expect(keys('两国元首')).toEqual([]);
    expect(extractEnLandmarks('The second phase has started.').map((m) => m.keys)).toEqual([['n:2']]);
  });
});

describe('a whole document read at once', () => {
  it('finds the mentions each English paragraph gives read alone, its words and characters noted in one pass', () => {
    const texts = [
      ...DEV_DOCUMENTS.flatMap((name) => loadBitext(name).en),
      'the twenty-first century, Twenty-Second, the 2twenty and ten_ years, seventy-two million, zero bn',
      'twelve years, two sides, fourth, Firstly, First, May 5, 2014 and mid- May; in may',
      '１２．５％ of １９９９. V The plan',
      'Article 3',
      '(a) Training',
    ];
    const contents = enContentsOf(texts, englishWords(texts));
    const together = texts.map((text, i) => extractEnLandmarks(text, undefined, contents[i]));
    expect(together).toEqual(texts.map((text) => extractEnLandmarks(text)));
    expect(together.flat().length).toBeGreaterThan(200);
    expect(kindsOf(together.at(-5)!).filter((k) => !k.startsWith('punctuation'))).toEqual([
      'ordinal:twenty-first', 'ordinal:Twenty-Second', 'number:2', 'number:seventy-two million', 'number:zero bn',
    ]);
  });
});
